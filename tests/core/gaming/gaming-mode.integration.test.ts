/**
 * Gaming mode against the LM Studio emulator: the exact unloads when a game starts and loads when it
 * ends, with the grace window, two games, a generating model, LM Studio down at restore, a preset the
 * user applied meanwhile, `restore: false` and `restorePreset`. The clock and timers are manual.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioEmulator } from '../../emulator/index';
import { startGamingHarness, type GamingHarness } from './gaming-harness';

const C14 = 'qwen2.5-coder-14b-instruct';
const Q7 = 'qwen2.5-7b-instruct';
const D33 = 'deepseek-coder-33b-instruct';
const GRACE_MS = 60_000;
const preload = [
  { key: C14, contextLength: 8192 },
  { key: Q7, contextLength: 4096 },
];

let h: GamingHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function startWithGameRunning(options: Parameters<typeof startGamingHarness>[0] = {}): Promise<GamingHarness> {
  h = await startGamingHarness({ emulator: { preload }, ...options });
  h.settings.update((s) => ({ ...s, activePresetId: 'multi-agent' }));
  h.games.push('Cyberpunk2077.exe');
  await h.pass();
  return h;
}

describe('gaming mode against the LM Studio emulator', () => {
  it('unloads the loaded set when a game starts and loads the same set, same settings, after the grace window', async () => {
    h = await startWithGameRunning();
    expect(h.calls.sort()).toEqual([`unload ${Q7}`, `unload ${C14}`]);
    expect(h.loadedIds()).toEqual([]);
    expect(h.mode.status()).toMatchObject({ phase: 'holding', games: ['Cyberpunk2077.exe'], canRestore: true });
    expect(h.pace).toEqual(['slow']);
    h.calls.length = 0;

    h.advance(102 * 60_000);
    h.games.length = 0;
    await h.pass();
    expect(h.mode.status().phase).toBe('grace');
    expect(h.calls).toEqual([]);
    expect(h.timers.fire(GRACE_MS)).toBe(1);
    await h.mode.settled();
    expect(h.calls).toEqual([`load ${C14} ctx=8192`, `load ${Q7} ctx=4096`]);
    expect(h.loadedIds()).toEqual([Q7, C14]);
    expect(h.settings.get().activePresetId).toBe('multi-agent');
    expect(h.pace).toEqual(['slow', 'resume']);
    const status = h.mode.status();
    expect(status).toMatchObject({ phase: 'watching', remembered: null, canRestore: false, message: null });
    expect(status.history).toEqual([
      {
        game: 'Cyberpunk2077.exe',
        startedAt: '2026-12-07T20:00:00.000Z',
        endedAt: '2026-12-07T21:42:00.000Z',
        outcome: 'restored',
        detail: `${C14}, ${Q7}`,
      },
    ]);
  });

  it('two games: one unload when the first starts, one restore after the last ends', async () => {
    h = await startWithGameRunning();
    h.games.push('eldenring.exe');
    await h.pass();
    h.games.splice(0, 1);
    await h.pass();
    expect(h.mode.status()).toMatchObject({ phase: 'holding', games: ['eldenring.exe'] });
    expect(h.timers.fire(GRACE_MS)).toBe(0);
    h.games.length = 0;
    await h.pass();
    expect(h.timers.fire(GRACE_MS)).toBe(1);
    await h.mode.settled();
    expect(h.calls.slice(0, 2).sort()).toEqual([`unload ${Q7}`, `unload ${C14}`]);
    expect(h.calls.slice(2)).toEqual([`load ${C14} ctx=8192`, `load ${Q7} ctx=4096`]);
    expect(h.mode.status().history).toHaveLength(1);
  });

  it('a game that restarts inside the grace window causes no reload and no second unload', async () => {
    h = await startWithGameRunning();
    h.calls.length = 0;
    h.games.length = 0;
    await h.pass();
    expect(h.mode.status().phase).toBe('grace');
    h.games.push('Cyberpunk2077.exe');
    await h.pass();
    expect(h.mode.status().phase).toBe('holding');
    expect(h.timers.fire(GRACE_MS)).toBe(0);
    expect(h.calls).toEqual([]);
    h.games.length = 0;
    await h.pass();
    h.timers.fire(GRACE_MS);
    await h.mode.settled();
    expect(h.calls).toEqual([`load ${C14} ctx=8192`, `load ${Q7} ctx=4096`]);
  });

  it('a model generating when the game starts is never cut: it asks, and unloads only on "Unload anyway"', async () => {
    h = await startGamingHarness({ emulator: { preload } });
    h.emulator.state.instances.find((i) => i.id === C14)!.activeRequests = 1;
    const phases: string[] = [];
    h.mode.onChanged((s) => phases.push(s.phase));
    h.games.push('eldenring.exe');
    await h.mode.checkNow();
    await waitForPhase(h, 'asking');
    expect(h.mode.status().busyModels).toEqual([C14]);
    expect(h.calls).toEqual([]);
    expect(h.loadedIds()).toEqual([Q7, C14]);
    h.mode.unloadAnyway();
    await h.mode.settled();
    expect(h.calls.sort()).toEqual([`unload ${Q7}`, `unload ${C14}`]);
    expect(h.mode.status().phase).toBe('holding');
    expect(phases).toContain('asking');
  });

  it('a game that ends while the question is open unloads nothing', async () => {
    h = await startGamingHarness({ emulator: { preload } });
    h.emulator.state.instances.find((i) => i.id === C14)!.activeRequests = 1;
    h.games.push('eldenring.exe');
    await h.mode.checkNow();
    await waitForPhase(h, 'asking');
    h.games.length = 0;
    await h.pass();
    expect(h.calls).toEqual([]);
    expect(h.loadedIds()).toEqual([Q7, C14]);
    expect(h.mode.status()).toMatchObject({ phase: 'watching', remembered: null });
    expect(h.mode.status().history[0]!.outcome).toBe('not-unloaded');
  });

  it('LM Studio down at restore: says so, keeps the set, and "Restore models now" brings it back later', async () => {
    h = await startWithGameRunning();
    h.calls.length = 0;
    const port = h.emulator.port;
    await h.emulator.close();
    h.games.length = 0;
    await h.pass();
    h.timers.fire(GRACE_MS);
    await h.mode.settled();
    const failed = h.mode.status();
    expect(failed.phase).toBe('watching');
    expect(failed.message).toMatch(/^Could not bring the models back after Cyberpunk2077\.exe: /);
    expect(failed.message).toContain('`loadout gaming restore`');
    // The same as data, for a pt-BR window or notification to word.
    expect(failed.notice).toMatchObject({ kind: 'restore-failed', game: 'Cyberpunk2077.exe' });
    expect(failed.message).toContain((failed.notice as { detail: string }).detail);
    expect(failed.remembered!.models.map((m) => m.key).sort()).toEqual([Q7, C14]);
    expect(failed.canRestore).toBe(true);
    expect(failed.history[0]!.outcome).toBe('restore-failed');

    h.emulator = await createLmStudioEmulator({ port });
    h.calls.length = 0;
    const restored = await h.mode.restoreNow();
    expect(restored).toEqual({ result: 'ok', message: null });
    expect(h.calls).toEqual([`load ${C14} ctx=8192`, `load ${Q7} ctx=4096`]);
    expect(h.loadedIds()).toEqual([Q7, C14]);
    expect(h.mode.status()).toMatchObject({ remembered: null, canRestore: false, message: null });
  });

  it('a preset the user applies while the game runs wins: nothing is restored over it', async () => {
    h = await startWithGameRunning();
    expect((await h.presets.apply('light')).result).toBe('ok');
    const light = h.loadedIds();
    h.calls.length = 0;
    h.games.length = 0;
    await h.pass();
    h.timers.fire(GRACE_MS);
    await h.mode.settled();
    expect(h.calls).toEqual([]);
    expect(h.loadedIds()).toEqual(light);
    expect(h.mode.status().history[0]!.outcome).toBe('preset-switched');
  });

  it('restore: false leaves the models unloaded', async () => {
    h = await startWithGameRunning({ gaming: { restore: false } });
    h.calls.length = 0;
    h.games.length = 0;
    await h.pass();
    h.timers.fire(GRACE_MS);
    await h.mode.settled();
    expect(h.calls).toEqual([]);
    expect(h.loadedIds()).toEqual([]);
    expect(h.mode.status()).toMatchObject({ remembered: null });
    expect(h.mode.status().history[0]!.outcome).toBe('restore-off');
  });

  it('restorePreset (by id or name) is applied instead of the remembered set', async () => {
    h = await startWithGameRunning({ gaming: { restorePreset: 'dev' } });
    h.calls.length = 0;
    h.games.length = 0;
    await h.pass();
    h.timers.fire(GRACE_MS);
    await h.mode.settled();
    expect(h.calls).toEqual([`load ${D33} ctx=4096`]);
    expect(h.settings.get().activePresetId).toBe('dev');
  });

  it('a restorePreset that names no preset brings the remembered set back and says so, as data too', async () => {
    h = await startWithGameRunning({ gaming: { restorePreset: 'no-such-preset' } });
    h.games.length = 0;
    await h.pass();
    h.timers.fire(GRACE_MS);
    await h.mode.settled();
    const status = h.mode.status();
    expect(status.history[0]!.outcome).toBe('restored');
    expect(status.notice).toMatchObject({ kind: 'restore-preset-missing', preset: 'no-such-preset' });
    expect(status.message).toMatch(
      /^gaming\.restorePreset names "no-such-preset", which is no preset \(.*dev.*\); the models loaded before the game were restored instead\.$/,
    );
  });

  it('a pass that could not see every process never ends the game, and says why', async () => {
    h = await startWithGameRunning();
    h.complete = false;
    h.games.length = 0;
    await h.pass();
    expect(h.mode.status()).toMatchObject({ phase: 'holding', games: ['Cyberpunk2077.exe'] });
    expect(h.mode.status().message).toBe(
      'Game detection: The process list could not be read. Gaming mode cannot see which games run; it keeps the models as they are until it can.',
    );
    // The same as data, for a pt-BR window to word.
    expect(h.mode.status().notice).toEqual({
      kind: 'detection-failed',
      problems: [{ source: 'process-list', detail: 'The process list could not be read.' }],
    });
    expect(h.timers.fire(GRACE_MS)).toBe(0);
    h.complete = true;
    await h.pass();
    expect(h.mode.status()).toMatchObject({ phase: 'grace', message: null });
  });

  it('"Restore models now" while the game runs brings the models back and leaves that game alone', async () => {
    h = await startWithGameRunning();
    h.calls.length = 0;
    expect((await h.mode.restoreNow()).result).toBe('ok');
    expect(h.calls).toEqual([`load ${C14} ctx=8192`, `load ${Q7} ctx=4096`]);
    await h.pass();
    expect(h.calls).toHaveLength(2);
    expect(h.mode.status().phase).toBe('watching');
  });
});

async function waitForPhase(harness: GamingHarness, phase: string): Promise<void> {
  if (harness.mode.status().phase === phase) return;
  await new Promise<void>((resolve) => {
    const off = harness.mode.onChanged((s) => {
      if (s.phase === phase) {
        off();
        resolve();
      }
    });
  });
}
