import { afterEach, describe, expect, it } from 'vitest';
import type { PresetProgress } from '../../../shared/contract/presets';
import { toPlanResult } from '../../../electron/core/api/presets-mapping';
import { sample } from '../../support/catalog-fixture';
import { startHarness, type Harness } from '../../support/emulator-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const D33 = 'deepseek-coder-33b-instruct';
const C14 = 'qwen2.5-coder-14b-instruct';
const Q7 = 'qwen2.5-7b-instruct';

describe('PresetsService against the LM Studio emulator', () => {
  it('applies every built-in in turn, with progress, and records the active preset', async () => {
    h = await startHarness();
    const expected: Record<string, string[]> = {
      dev: [D33],
      'multi-agent': [Q7, C14],
      // No 7B coder downloaded: the coder slot takes a second Qwen2.5 7B, not the vision model Qwen2-VL 7B.
      'dual-7b': [Q7, `${Q7}:2`],
      light: ['llama-3.2-1b-instruct', 'llama-3.2-3b-instruct'],
      gaming: [],
    };
    for (const [id, ids] of Object.entries(expected)) {
      const progress: PresetProgress[] = [];
      const outcome = await h.service.apply(id, { onProgress: (p) => progress.push(p) });
      expect(outcome.result, `${id}: ${outcome.message}`).toBe('ok');
      expect(h.loadedIds()).toEqual(ids);
      expect(h.settings.get().activePresetId).toBe(id);
      // One event per step, besides the one saying the preset's first model is ready (it has a message).
      const steps = progress.filter((p) => (p.phase === 'loading' || p.phase === 'unloading') && p.message === null);
      const ready = progress.filter((p) => p.message?.endsWith('is ready; the preset can answer.'));
      expect(ready.length).toBe(ids.length && id !== 'dual-7b' ? 1 : 0);
      expect(steps.map((p) => p.step)).toEqual(steps.map((_, i) => i + 1));
      expect(steps.every((p) => p.total === steps.length && p.key !== null)).toBe(true);
      expect(progress.at(-1)!.phase).toBe('done');
    }
  });

  it('switching between overlapping presets makes no redundant call', async () => {
    h = await startHarness();
    expect((await h.service.apply('multi-agent')).result).toBe('ok');
    h.emulator.control.clearCalls();
    const outcome = await h.service.apply('dual-7b');
    expect(outcome.result).toBe('ok');
    // Keeps qwen2.5-7b (same key, same context); swaps only the 14B for the second 7B.
    expect(h.mutations()).toEqual({ loads: 1, unloads: 1 });
    expect(outcome.plan.map((s) => `${s.action} ${s.key}`)).toEqual([`keep ${Q7}`, `unload ${C14}`, `load ${Q7}`]);
    h.emulator.control.clearCalls();
    expect((await h.service.apply('dual-7b')).result).toBe('ok');
    expect(h.mutations()).toEqual({ loads: 0, unloads: 0 });
  });

  it('refuses a preset that cannot fit before unloading anything, and says what would fit', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7, contextLength: 8192 }] }, otherVramGiB: 17 });
    h.emulator.control.clearCalls();
    const progress: PresetProgress[] = [];
    const outcome = await h.service.apply('dev', { onProgress: (p) => progress.push(p) });
    // The refusal's progress event carries the verdict as data, for the tray's notification to word.
    expect(progress.at(-1)).toMatchObject({ phase: 'refused', fitNotice: { mode: expect.any(String) } });
    expect(outcome.result).toBe('refused');
    expect(h.mutations()).toEqual({ loads: 0, unloads: 0 });
    expect(h.loadedIds()).toEqual([Q7]);
    expect(outcome.message).toMatch(
      /^Does not fit, nothing was changed\. deepseek-coder-33b-instruct needs ~\d+\.\d GiB of VRAM/,
    );
    expect(outcome.message).toContain('CPU offload: gpuOffload "off"');
    expect(h.settings.get().activePresetId).toBeNull();
  });

  it('a dry run names the model each selector loads and does not claim a refusal', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7, contextLength: 8192 }] }, otherVramGiB: 17 });
    const dry = toPlanResult(await h.service.prepare('dev'));
    expect(dry.models).toEqual([
      expect.objectContaining({
        key: D33,
        displayName: 'DeepSeek Coder 33B Instruct',
        quantization: 'Q4_K_M',
        message: null,
      }),
    ]);
    expect(dry.fit.fits).toBe(false);
    expect(dry.fit.message).toMatch(
      /^Does not fit\. deepseek-coder-33b-instruct needs ~\d+\.\d GiB of VRAM and ~\d+\.\d GiB would be free \(\d+\.\d GiB short\)/,
    );
    expect(h.mutations()).toEqual({ loads: 0, unloads: 0 });
  });

  it('a dry run says which slot loads a stand-in because none of its named families is downloaded', async () => {
    h = await startHarness();
    const dry = toPlanResult(await h.service.prepare('dual-7b'));
    expect(dry.models.map((m) => [m.key, m.substitute])).toEqual([
      [Q7, false],
      [Q7, true],
    ]);
    expect(dry.models[1]!.message).toBe(
      'stand-in for a ~7B qwen2.5-coder, deepseek-coder or codellama model, none downloaded: using Qwen2.5 7B Instruct',
    );
    expect(dry.models[0]!.message).toBeNull();
  });

  it('without a GPU reading, checks against RAM and says so', async () => {
    h = await startHarness({ sample: sample(0, 12, false) });
    const refused = await h.service.apply('dev');
    expect(refused.result).toBe('refused');
    expect(refused.message).toMatch(/^No GPU memory reading \(no NVIDIA driver found\): checked against RAM only\./);
    const light = await h.service.apply('light');
    expect(light.result).toBe('ok');
    expect(light.fit!.mode).toBe('ram-only');
  });

  it("stops at a failed load with LM Studio's message and restores the previous set", async () => {
    h = await startHarness();
    expect((await h.service.apply('dev')).result).toBe('ok');
    h.emulator.control.failNthLoad(2, 'Failed to load model: CUDA error: out of memory');
    const outcome = await h.service.apply('multi-agent');
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toMatch(/^Step 3\/3 failed: load qwen2\.5-7b-instruct\./);
    expect(outcome.message).toContain('CUDA error: out of memory');
    expect(outcome.message).toContain('The previous models were restored.');
    expect(outcome.execution!.failure!.lmStudioMessage).toContain('CUDA error: out of memory');
    expect(h.loadedIds()).toEqual([D33]);
    expect(h.emulator.state.instances[0]!.contextLength).toBe(4096);
    expect(h.settings.get().activePresetId).toBe('dev');
  });

  it('without restore, a failure leaves the steps done and no active preset', async () => {
    h = await startHarness({ restoreOnFailure: false });
    expect((await h.service.apply('dev')).result).toBe('ok');
    h.emulator.control.failNthLoad(2);
    const outcome = await h.service.apply('multi-agent');
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toContain('The 2 step(s) before it stay done');
    expect(h.loadedIds()).toEqual([C14]);
    expect(h.settings.get().activePresetId).toBeNull();
  });

  it('LM Studio down: fails with what to do, nothing else happens', async () => {
    h = await startHarness({ baseUrl: 'http://127.0.0.1:9' });
    const outcome = await h.service.apply('dev');
    expect(outcome.result).toBe('failed');
    expect(outcome.message).toMatch(/LM Studio/);
    expect(outcome.message).toMatch(/start|running/i);
    expect(h.mutations()).toEqual({ loads: 0, unloads: 0 });
  });

  it('LM Studio 0.3.x (v0 only): loads and unloads through lms', async () => {
    h = await startHarness({ emulator: { v0Only: true } });
    expect((await h.service.apply('light')).result).toBe('ok');
    expect(h.loadedIds()).toEqual(['llama-3.2-1b-instruct', 'llama-3.2-3b-instruct']);
    const loads = h.lmsCalls().filter((argv) => argv[0] === 'load');
    expect(loads).toHaveLength(2);
    expect(loads.every((argv) => argv.includes('--gpu') && argv[argv.indexOf('--gpu') + 1] === 'off')).toBe(true);
    expect((await h.service.apply('gaming')).result).toBe('ok');
    expect(h.loadedIds()).toEqual([]);
    expect(h.lmsCalls().some((argv) => argv[0] === 'unload')).toBe(true);
  });

  it('auth: refused without the token, applies with it', async () => {
    const token = 'sk-lm-abcd1234:abcdefghij0123456789';
    h = await startHarness({ emulator: { token } });
    const denied = await h.service.apply('dev');
    expect(denied.result).toBe('failed');
    expect(denied.message).toMatch(/token/i);
    await h.close();
    h = await startHarness({ emulator: { token }, env: { LM_API_TOKEN: token } });
    expect((await h.service.apply('dev')).result).toBe('ok');
  });

  it('never unloads a generating model: refuses, or unloads when confirmed', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }] } });
    h.emulator.state.instances[0]!.activeRequests = 1;
    h.emulator.control.clearCalls();
    const refused = await h.service.apply('gaming');
    expect(refused.result).toBe('refused');
    expect(refused.message).toMatch(
      /^qwen2\.5-7b-instruct is still generating after waiting 0 s, so nothing was changed\..*unload it anyway/,
    );
    expect(refused.message).not.toMatch(/--force/);
    // The same refusal as data, for a window to word in its language.
    expect(refused.notice).toEqual({
      kind: 'models-busy',
      waitedSeconds: 0,
      models: [{ instanceId: Q7, answering: { kind: 'lm-studio' } }],
    });
    expect(h.mutations().unloads).toBe(0);
    const asked: string[] = [];
    const confirmed = await h.service.apply('gaming', {
      confirmBusy: async (busy) => (asked.push(...busy.map((b) => b.instanceId)), true),
    });
    expect(asked).toEqual([Q7]);
    expect(confirmed.result).toBe('ok');
    expect(h.loadedIds()).toEqual([]);
  });

  it("waits for Loadout's own in-flight request to end, then switches", async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }] }, busyWaitSeconds: 10 });
    const end = h.service.inFlight.begin(Q7);
    const phases: string[] = [];
    const outcome = await h.service.apply('gaming', {
      onProgress: (p) => {
        phases.push(p.phase);
        // The request ends while the switch waits for it.
        if (p.phase === 'waiting') setTimeout(end, 50);
      },
    });
    expect(outcome.result).toBe('ok');
    expect(phases).toContain('waiting');
    expect(h.loadedIds()).toEqual([]);
  });

  it('cancels between steps; what ran stays and nothing else is called', async () => {
    h = await startHarness({ emulator: { loadMsPerGb: 40 } });
    const controller = new AbortController();
    const outcome = await h.service.apply('multi-agent', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'loading' && p.step === 1) controller.abort();
      },
    });
    expect(outcome.result).toBe('cancelled');
    expect(h.mutations().loads).toBeLessThanOrEqual(1);
    expect(h.service.list().applyingPresetId).toBeNull();
  });

  it('a dry run (plan) calls nothing that changes state', async () => {
    h = await startHarness({ emulator: { preload: [{ key: D33, contextLength: 4096 }] } });
    h.emulator.control.clearCalls();
    const plan = toPlanResult(await h.service.prepare('multi-agent'));
    expect(plan.plan.map((s) => s.action)).toEqual(['unload', 'load', 'load']);
    expect(plan.fit.fits).toBe(true);
    expect(
      plan.plan.filter((s) => s.action === 'load').every((s) => s.placement === 'gpu' && (s.estimatedBytes ?? 0) > 0),
    ).toBe(true);
    expect(h.mutations()).toEqual({ loads: 0, unloads: 0 });
    expect(h.emulator.state.calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('reports models that are not downloaded and still applies the rest', async () => {
    h = await startHarness();
    h.service.save({
      id: 'mix',
      name: 'Mix',
      description: '',
      builtIn: false,
      exclusive: true,
      models: [{ key: Q7 }, { key: 'family:starcoder@15b' }],
    });
    const outcome = await h.service.apply('mix');
    expect(outcome.result).toBe('ok');
    expect(outcome.message).toBe('not downloaded: a ~15B starcoder model — get it in LM Studio');
    expect(h.loadedIds()).toEqual([Q7]);
    h.service.save({
      id: 'none',
      name: 'None here',
      description: '',
      builtIn: false,
      exclusive: true,
      models: [{ key: 'acme/absent-7b' }],
    });
    const refused = await h.service.apply('none');
    expect(refused.result).toBe('refused');
    expect(refused.message).toContain('not downloaded: acme/absent-7b — get it in LM Studio');
    expect(h.loadedIds()).toEqual([Q7]);
  });

  it('pinned models survive Gaming', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }, { key: D33 }] } });
    h.service.setPinned([Q7]);
    expect((await h.service.apply('gaming')).result).toBe('ok');
    expect(h.loadedIds()).toEqual([Q7]);
  });
});
