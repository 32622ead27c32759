/**
 * The fleet watch against real `loadout serve` agents (tests/support/fleet-agents.ts), on a clock the
 * test moves: an agent that goes silent (SIGSTOP: its socket stays open, nothing answers) is offline
 * within 10 s of the watch's time and comes back by itself after SIGCONT; the other agent is polled on
 * time throughout and its snapshot does not change.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFleetWatch } from '../../../electron/core/fleet/fleet-watch';
import type { MachineSnapshot } from '../../../shared/contract';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';
import { manualTimers } from './manual-timers';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function agent(host: string, token: string, models: string[]): Promise<FleetAgent> {
  const a = await startFleetAgent(host, token, models);
  cleanups.push(async () => {
    a.child.kill('SIGCONT');
    await a.stop();
  });
  return a;
}

describe('fleet watch over real agents', { timeout: 90_000 }, () => {
  it('marks a silent agent offline within 10 s, brings it back by itself, and leaves the other alone', async () => {
    const [a, b] = await Promise.all([
      agent('127.0.0.2', 'token-a-0123456789abcdef', ['qwen2.5-7b-instruct']),
      agent('127.0.0.3', 'token-b-0123456789abcdef', ['llama-3.2-3b-instruct']),
    ]);
    const timers = manualTimers();
    const tokens: Record<string, string> = { a: a.token, b: b.token };
    const watch = createFleetWatch({
      machines: () => [
        { name: 'a', url: a.url, kind: 'loadout' },
        { name: 'b', url: b.url, kind: 'loadout' },
      ],
      tokenFor: (m) => tokens[m.name] ?? null,
      timers,
      pollMs: 3000,
      heartbeatMs: 5000,
    });
    cleanups.push(() => watch.stop());
    const changes: MachineSnapshot[][] = [];
    watch.onChange((machines) => changes.push(machines));
    const byName = (name: string) => watch.snapshot().find((s) => s.name === name)!;

    watch.start();
    timers.advance(0);
    await vi.waitFor(() => expect(watch.snapshot().every((s) => s.online)).toBe(true), { timeout: 20_000 });
    expect(byName('a').loadedModels).toEqual(['qwen2.5-7b-instruct']);
    expect(byName('b').loadedModels).toEqual(['llama-3.2-3b-instruct']);
    expect(byName('a').version).toMatch(/\d+\.\d+/);
    expect(byName('b').energyToday).not.toBeNull();
    const bBefore = byName('b');

    a.child.kill('SIGSTOP');
    const silentAt = timers.now();
    // The next poll goes out to both; b answers in real time, a never does.
    timers.advance(3000);
    await vi.waitFor(() => expect(byName('b').lastSeen).toBe(silentAt + 3000), { timeout: 10_000 });
    expect(byName('a').online).toBe(true);
    timers.advance(5000);
    await vi.waitFor(() => expect(byName('a').online).toBe(false), { timeout: 10_000 });
    const aOff = byName('a');
    expect(aOff.since! - silentAt).toBeLessThanOrEqual(10_000);
    expect(aOff.problem).toMatchObject({ kind: 'offline' });
    expect(aOff.problem!.message).toContain('"a" stopped answering');
    expect(changes.at(-1)!.find((s) => s.name === 'a')!.online).toBe(false);
    // b: polled on time, still online, nothing it shows changed by a's failure.
    const bNow = byName('b');
    expect(bNow).toMatchObject({ online: true, problem: null, since: bBefore.since });
    expect(bNow.loadedModels).toEqual(bBefore.loadedModels);
    expect(bNow.presets).toEqual(bBefore.presets);

    a.child.kill('SIGCONT');
    const backAt = timers.now();
    // One failure so far: the backoff tries a again 1 s later (capped at 4 s however many failed).
    timers.advance(1000);
    await vi.waitFor(() => expect(byName('a').online).toBe(true), { timeout: 10_000 });
    expect(byName('a').since! - backAt).toBeLessThanOrEqual(10_000);
    expect(byName('a').problem).toBeNull();
  });
});
