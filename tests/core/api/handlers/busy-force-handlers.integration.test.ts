/**
 * The app API side of "never unload a generating model, then ask": `presets.apply`, `models.unload` and
 * `models.unloadAll` report the busy models (no "--force" wording), and the same call with `force` unloads them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEventHub, type CallContext, type PresetProgress } from '../../../../shared/contract';
import { createModelsHandlers } from '../../../../electron/core/api/handlers/models-handlers';
import { createPresetsHandlers } from '../../../../electron/core/api/handlers/presets-handlers';
import type { ApiServices } from '../../../../electron/core/api/handlers/api-services';
import { startHarness, type Harness } from '../../../support/emulator-harness';

const Q7 = 'qwen2.5-7b-instruct';
const L3 = 'llama-3.2-3b-instruct';
const ctx: CallContext = { transport: 'ws', callerId: 'test' };

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

function handlers(harness: Harness) {
  const events = createEventHub();
  const progress: PresetProgress[] = [];
  const unloadSteps: { phase: string; to: string | undefined }[] = [];
  events.subscribe((e, to) => {
    if (e.event === 'presets.progress') progress.push(e.payload);
    if (e.event === 'presets.unloadProgress') unloadSteps.push({ phase: e.payload.phase, to });
  });
  harness.service.onProgress((p) => events.emit('presets.progress', p));
  const services = {
    host: 'serve',
    version: 'test',
    locale: 'en-US',
    settings: harness.settings,
    presets: harness.service,
  } as ApiServices;
  return {
    presets: createPresetsHandlers(services, events),
    models: createModelsHandlers(services, events),
    progress,
    unloadSteps,
  };
}

describe('busy models through the app API handlers (LM Studio emulator)', () => {
  it('presets.apply refuses with the generating model named, then force unloads it', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }] } });
    h.emulator.state.instances[0]!.activeRequests = 1;
    const api = handlers(h);
    h.emulator.control.clearCalls();

    const refused = await api.presets['presets.apply']({ id: 'gaming' }, ctx);
    expect(refused).toMatchObject({ presetId: 'gaming', result: 'refused', busy: [{ instanceId: Q7, modelKey: Q7 }] });
    expect(refused.message).toMatch(/still generating/);
    expect(refused.message).not.toMatch(/--force/);
    expect(h.mutations().unloads).toBe(0);
    expect(h.loadedIds()).toEqual([Q7]);
    // The tray's notifier reads the busy list from the refused progress event.
    expect(api.progress.at(-1)).toMatchObject({ phase: 'refused', busy: [{ instanceId: Q7, modelKey: Q7 }] });
    // The refusal as data, on the result and on the pending question a window opened later asks.
    const notice = {
      kind: 'models-busy',
      waitedSeconds: 0,
      models: [{ instanceId: Q7, answering: { kind: 'lm-studio' } }],
    };
    expect(refused.notice).toEqual(notice);
    expect(await api.presets['presets.pendingBusy'](undefined, ctx)).toMatchObject({ presetId: 'gaming', notice });

    const forced = await api.presets['presets.apply']({ id: 'gaming', force: true }, ctx);
    expect(forced.result).toBe('ok');
    expect(forced.busy).toBeUndefined();
    expect(h.mutations().unloads).toBe(1);
    expect(h.loadedIds()).toEqual([]);
  });

  it('a chat streaming from LM Studio makes its model busy: apply refuses until forced', async () => {
    // 5 tokens/s for 400 tokens: the answer streams for over a minute unless the unload cuts it off.
    h = await startHarness({ emulator: { preload: [{ key: Q7 }], tokensPerSecond: 5 } });
    const api = handlers(h);
    const controller = new AbortController();
    const response = await fetch(`${h.emulator.url}/v1/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        model: Q7,
        stream: true,
        max_tokens: 400,
        messages: [{ role: 'user', content: 'Tell me a long story.' }],
      }),
    });
    const reader = response.body!.getReader();
    try {
      await reader.read(); // the stream has started: LM Studio reports the instance as generating
      const refused = await api.presets['presets.apply']({ id: 'gaming' }, ctx);
      expect(refused.result).toBe('refused');
      expect(refused.busy).toEqual([{ instanceId: Q7, modelKey: Q7 }]);
      expect(h.loadedIds()).toEqual([Q7]);
      const forced = await api.presets['presets.apply']({ id: 'gaming', force: true }, ctx);
      expect(forced.result).toBe('ok');
      expect(h.loadedIds()).toEqual([]);
    } finally {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    }
  });

  it("models.unload reports a model answering Loadout's own request, then force unloads it", async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }] } });
    const api = handlers(h);
    const end = h.service.inFlight.begin(Q7);
    try {
      const refused = await api.models['models.unload']({ instanceId: Q7 }, ctx);
      expect(refused).toMatchObject({
        unloaded: [],
        busy: [{ instanceId: Q7, modelKey: Q7 }],
        message: expect.stringContaining('Loadout request'),
        notice: { kind: 'models-busy', waitedSeconds: 0, models: [{ instanceId: Q7, answering: { kind: 'loadout' } }] },
      });
      expect(h.loadedIds()).toEqual([Q7]);
      expect(await api.models['models.unload']({ instanceId: Q7, force: true }, ctx)).toEqual({
        unloaded: [Q7],
        result: 'ok',
        plan: [{ action: 'unload', key: Q7, instanceId: Q7 }],
      });
      expect(h.loadedIds()).toEqual([]);
    } finally {
      end();
    }
  });

  it('models.unloadAll unloads nothing while one model generates, and everything with force', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }, { key: L3 }] } });
    h.emulator.state.instances.find((i) => i.id === L3)!.activeRequests = 1;
    const api = handlers(h);
    h.emulator.control.clearCalls();
    const refused = await api.models['models.unloadAll']({ includePinned: false }, ctx);
    expect(refused.busy).toEqual([{ instanceId: L3, modelKey: L3 }]);
    expect(h.mutations().unloads).toBe(0);
    const forced = await api.models['models.unloadAll']({ includePinned: false, force: true }, ctx);
    expect([...forced.unloaded].sort()).toEqual([L3, Q7]);
    expect(h.loadedIds()).toEqual([]);
  });

  it('a refusal that is not about busy models stays an error (unknown instance)', async () => {
    h = await startHarness();
    const api = handlers(h);
    await expect(api.models['models.unload']({ instanceId: 'ghost' }, ctx)).rejects.toMatchObject({ code: 'refused' });
  });

  it('with failureAsResult, a refusal is an answer with its (empty) plan and the reason', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }] } });
    const api = handlers(h);
    expect(await api.models['models.unload']({ instanceId: 'ghost', failureAsResult: true }, ctx)).toEqual({
      unloaded: [],
      result: 'refused',
      plan: [],
      message: expect.stringContaining('No loaded instance "ghost"'),
    });
  });

  it("models.cancelUnload stops only its caller's unload while it waits for a generating model", async () => {
    h = await startHarness({ busyWaitSeconds: 60, emulator: { preload: [{ key: Q7 }] } });
    h.emulator.state.instances[0]!.activeRequests = 1;
    const api = handlers(h);
    const waiting = api.models['models.unload']({ instanceId: Q7, failureAsResult: true }, ctx);
    while (!api.unloadSteps.some((s) => s.phase === 'waiting')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await api.models['models.cancelUnload'](undefined, { transport: 'ws', callerId: 'someone-else' })).toEqual({
      cancelled: false,
    });
    expect(await api.models['models.cancelUnload'](undefined, ctx)).toEqual({ cancelled: true });
    expect(await waiting).toMatchObject({
      unloaded: [],
      result: 'cancelled',
      plan: [{ action: 'unload', key: Q7, instanceId: Q7 }],
    });
    expect(h.loadedIds()).toEqual([Q7]);
    expect(await api.models['models.cancelUnload'](undefined, ctx)).toEqual({ cancelled: false });
  });

  it('models.unloadAll answers its plan with the pinned instance kept, and sends its steps only to the caller', async () => {
    h = await startHarness({ emulator: { preload: [{ key: Q7 }, { key: L3 }] } });
    const api = handlers(h);
    await api.presets['presets.setPinned']({ pinned: [L3] }, ctx);
    const answer = await api.models['models.unloadAll']({ includePinned: false }, ctx);
    expect(answer).toEqual({
      unloaded: [Q7],
      result: 'ok',
      plan: expect.arrayContaining([
        { action: 'unload', key: Q7, instanceId: Q7 },
        { action: 'keep', key: L3, instanceId: L3 },
      ]),
    });
    expect(answer.plan).toHaveLength(2);
    expect(h.loadedIds()).toEqual([L3]);
    expect(api.unloadSteps.map((s) => s.phase)).toEqual(['unloading', 'done']);
    expect(api.unloadSteps.every((s) => s.to === ctx.callerId)).toBe(true);
    expect(api.progress).toEqual([]);
  });
});
