/**
 * The fleet watch's own rhythm, over an in-memory agent: fleet changes only when something a window
 * shows changed (not at every poll), a look that fails is retried with a backoff capped so a machine
 * is seen back within ~10 s, and a removed machine is dropped at the next look at the settings.
 */
import { describe, expect, it } from 'vitest';
import { AgentError, type AgentConnection } from '../../../electron/core/fleet/agent-connection';
import { createFleetWatch } from '../../../electron/core/fleet/fleet-watch';
import { createContractClient, type ApiResponse, type MachineSnapshot } from '../../../shared/contract';
import type { Machine } from '../../../shared/settings/schema';
import { manualTimers } from './manual-timers';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function memoryAgent(state: { loaded: string[]; up: boolean; connects: number[] }, timers: { now(): number }) {
  const answers: Record<string, () => unknown> = {
    'app.info': () => ({
      name: 'Loadout',
      version: '1.0.0',
      host: 'serve',
      platform: 'linux',
      arch: 'x64',
      locale: 'en',
      services: {},
      contract: 2,
      time: Date.now(),
    }),
    'hardware.latest': () => null,
    'models.list': () => ({
      reachable: true,
      apiLevel: 'v1',
      message: null,
      catalog: [],
      loaded: state.loaded.map((k) => ({
        instanceId: k,
        modelKey: k,
        contextLength: null,
        status: k.endsWith('*') ? 'generating' : 'idle',
      })),
    }),
    'presets.list': () => ({ presets: [], activePresetId: null, pinned: [], applyingPresetId: null }),
    'energy.summary': () => null,
  };
  return async (): Promise<AgentConnection> => {
    state.connects.push(timers.now());
    if (!state.up) throw new AgentError('offline', '"m" does not answer');
    const client = createContractClient({
      call: async (method): Promise<ApiResponse<unknown>> =>
        state.up
          ? { ok: true, result: answers[method]!() }
          : { ok: false, error: { code: 'unavailable', message: 'gone' } },
      on: () => () => undefined,
    });
    return {
      client,
      closed: new Promise(() => undefined),
      close: async () => undefined,
      info: answers['app.info']!() as AgentConnection['info'],
    };
  };
}

describe('fleet watch rhythm', () => {
  it('announces a change only when what is shown changed', async () => {
    const timers = manualTimers();
    const state = { loaded: ['a'], up: true, connects: [] as number[] };
    const machines: Machine[] = [{ name: 'm', url: 'http://127.0.0.1:1', kind: 'loadout' }];
    const watch = createFleetWatch({
      machines: () => machines,
      tokenFor: () => 't',
      timers,
      connect: memoryAgent(state, timers),
    });
    const changes: MachineSnapshot[][] = [];
    watch.onChange((m) => changes.push(m));
    watch.start();
    timers.advance(0);
    await flush();
    expect(watch.snapshot()[0]).toMatchObject({ online: true, loadedModels: ['a'] });
    const afterFirst = changes.length;
    for (let i = 0; i < 3; i++) {
      timers.advance(3000);
      await flush();
    }
    expect(watch.snapshot()[0]!.lastSeen).toBe(timers.now());
    expect(changes.length).toBe(afterFirst);
    state.loaded = ['a', 'b*'];
    timers.advance(3000);
    await flush();
    expect(changes.length).toBe(afterFirst + 1);
    expect(changes.at(-1)![0]).toMatchObject({ loadedModels: ['a', 'b*'], busyModels: ['b*'] });
    await watch.stop();
  });

  it('retries a machine that is gone with a backoff capped at 4 s, and sees it back', async () => {
    const timers = manualTimers();
    const state = { loaded: [], up: false, connects: [] as number[] };
    const start = timers.now();
    const watch = createFleetWatch({
      machines: () => [{ name: 'm', url: 'http://127.0.0.1:1', kind: 'loadout' }],
      tokenFor: () => 't',
      timers,
      connect: memoryAgent(state, timers),
    });
    watch.start();
    timers.advance(0);
    await flush();
    for (let i = 0; i < 32; i++) {
      timers.advance(500);
      await flush();
    }
    const gaps = state.connects.slice(1).map((t, i) => t - state.connects[i]!);
    expect(state.connects[0]).toBe(start);
    expect(gaps).toEqual([1000, 2000, 4000, 4000, 4000]);
    expect(watch.snapshot()[0]).toMatchObject({ online: false, problem: { kind: 'offline' } });
    state.up = true;
    const upAt = timers.now();
    for (let i = 0; i < 10 && !watch.snapshot()[0]!.online; i++) {
      timers.advance(500);
      await flush();
    }
    expect(watch.snapshot()[0]!.online).toBe(true);
    expect(watch.snapshot()[0]!.since! - upAt).toBeLessThanOrEqual(4000);
    await watch.stop();
  });

  it('drops a machine removed from the settings at the next look at them', async () => {
    const timers = manualTimers();
    const state = { loaded: [], up: true, connects: [] as number[] };
    let machines: Machine[] = [{ name: 'm', url: 'http://127.0.0.1:1', kind: 'loadout' }];
    const watch = createFleetWatch({
      machines: () => machines,
      tokenFor: () => 't',
      timers,
      connect: memoryAgent(state, timers),
    });
    watch.start();
    timers.advance(0);
    await flush();
    expect(watch.snapshot().map((s) => s.name)).toEqual(['m']);
    machines = [];
    timers.advance(3000);
    await flush();
    expect(watch.snapshot()).toEqual([]);
    await expect(watch.client('m')).rejects.toThrow('No machine named "m"');
    await watch.stop();
  });
});
