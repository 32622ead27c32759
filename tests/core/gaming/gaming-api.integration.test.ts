/** `gaming.*` through the app API handlers, over gaming mode against the LM Studio emulator. */
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../electron/core/api/handlers/create-api-handlers';
import type { ContractEventSink, EventName } from '../../../shared/contract';
import { startGamingHarness, type GamingHarness } from './gaming-harness';

let h: GamingHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('gaming.* over the app API', () => {
  it('turns the mode on and off, reports the game, restores by hand and emits gaming.changed', async () => {
    h = await startGamingHarness({ emulator: { preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 4096 }] } });
    const emitted: { event: EventName; payload: unknown }[] = [];
    const sink: ContractEventSink = { emit: (event, payload) => emitted.push({ event, payload }) };
    const api = createApiHandlers(
      { host: 'serve', version: 'test', locale: 'en', settings: h.settings, gaming: h.mode },
      sink,
    );
    const ctx = { transport: 'ws' as const, callerId: 'c1' };
    expect((await api.handlers['gaming.set']({ enabled: false }, ctx)).enabled).toBe(false);
    expect(h.settings.get().gaming.enabled).toBe(false);
    expect((await api.handlers['gaming.set']({ enabled: true }, ctx)).phase).toBe('watching');

    h.games.push('eldenring.exe');
    await h.pass();
    const status = await api.handlers['gaming.status']({}, ctx);
    expect(status).toMatchObject({ phase: 'holding', games: ['eldenring.exe'], canRestore: true });
    expect(
      emitted.some((e) => e.event === 'gaming.changed' && (e.payload as { phase: string }).phase === 'holding'),
    ).toBe(true);

    const restored = await api.handlers['gaming.restore']({}, ctx);
    expect(restored.result).toBe('ok');
    expect(restored.status.canRestore).toBe(false);
    expect(h.calls).toEqual(['unload qwen2.5-7b-instruct', 'load qwen2.5-7b-instruct ctx=4096']);
    api.dispose();
  });

  it('says gaming mode is unavailable in a process that does not run it', async () => {
    h = await startGamingHarness();
    const api = createApiHandlers(
      { host: 'serve', version: 'test', locale: 'en', settings: h.settings },
      { emit() {} },
    );
    await expect(api.handlers['gaming.status']({}, { transport: 'ws', callerId: 'c' })).rejects.toThrow(
      /gaming\.status is not available: the gaming mode is not running in this Loadout process\. It runs in the tray app and `loadout serve`/,
    );
  });
});
