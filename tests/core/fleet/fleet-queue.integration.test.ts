/**
 * A machine's `queue` in the fleet snapshot is what waits on that agent (issue 18 follow-up): three quick
 * chat answers to one model on a real `loadout serve` agent leave two waiting behind the first, the main
 * machine's watch reports 2 (the router then weighs it), and 0 once they end.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToAgent } from '../../../electron/core/fleet/agent-connection';
import { createFleetWatch } from '../../../electron/core/fleet/fleet-watch';
import { machineLoad } from '../../../electron/core/routing/fleet-endpoints';
import { startFleetAgent } from '../../support/fleet-agents';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('fleet queue over a real agent', { timeout: 90_000 }, () => {
  it('reports the requests waiting on the agent, and 0 once they end', async () => {
    const model = 'qwen2.5-7b-instruct';
    const agent = await startFleetAgent('127.0.0.12', 'token-q-0123456789abcdef', [model]);
    cleanups.push(() => agent.stop());
    // Slow answers, so three are in flight at the same time.
    agent.emu.control.set({ tokensPerSecond: 2, timeToFirstTokenMs: 0 });
    const watch = createFleetWatch({
      machines: () => [{ name: 'ws', url: agent.url, kind: 'loadout' }],
      tokenFor: () => agent.token,
      pollMs: 200,
    });
    cleanups.push(() => watch.stop());
    watch.start();
    const ws = () => watch.snapshot()[0]!;
    await vi.waitFor(() => expect(ws().online).toBe(true), { timeout: 20_000 });
    expect(ws().queue).toBe(0);

    const conn = await connectToAgent({ name: 'ws', url: agent.url }, agent.token);
    cleanups.push(() => conn.close());
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const started = await conn.client.call('chat.send', {
        model,
        messages: [{ role: 'user', content: `write a long story number ${i}` }],
      });
      if (!started.ok) throw new Error(started.error.message);
      ids.push(started.result.requestId);
    }
    await vi.waitFor(() => expect(ws().queue).toBe(2), { timeout: 20_000 });
    expect(machineLoad(ws()).queue).toBe(2);

    for (const requestId of ids) await conn.client.call('chat.cancel', { requestId });
    await vi.waitFor(() => expect(ws().queue).toBe(0), { timeout: 20_000 });
  });
});
