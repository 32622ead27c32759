import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { selectLoadedModels, selectPresets } from '../../../renderer/src/store/selectors';
import type { ModelsState } from '../../../shared/contract/models';
import type { PresetList } from '../../../shared/contract/presets';
import { createFakeApi } from './fake-api';

const preset = (id: string) => ({ id, name: id.toUpperCase(), description: '', models: [{ key: 'qwen2.5-7b-instruct' }], exclusive: true, builtIn: false });
const list = (ids: string[]): PresetList => ({ presets: ids.map(preset), activePresetId: null, pinned: [], applyingPresetId: null });
const models = (instances: string[]): ModelsState => ({
  reachable: true, apiLevel: 'v1', message: null, catalog: [],
  loaded: instances.map((id) => ({ instanceId: id, modelKey: id, contextLength: 4096, gpuOffload: null, ttlSeconds: null, flashAttention: null, offloadKvCacheToGpu: null, status: null, displayName: id, sizeBytes: 1e9, pinned: false })),
});

describe('presets slice', () => {
  it('keeps a refusal with its message until the next attempt', async () => {
    const api = createFakeApi();
    api.handle('presets.apply', ({ id }) => ({ ok: true, result: { presetId: id, result: 'refused', plan: [], message: 'needs ~21 GB of VRAM and 3.1 GB are free' } }));
    api.handle('presets.list', () => ({ ok: true, result: list(['a']) }));
    const { useStore } = createAppStore(api);
    await useStore.getState().applyPreset('a');
    expect(useStore.getState().lastSwitch).toMatchObject({ result: 'refused', message: 'needs ~21 GB of VRAM and 3.1 GB are free' });
  });

  it('turns a transport error into a failed switch the UI can show', async () => {
    const api = createFakeApi();
    api.handle('presets.apply', () => ({ ok: false, error: { code: 'refused', message: 'A switch to "b" is running' } }));
    const { useStore } = createAppStore(api);
    await useStore.getState().applyPreset('a');
    expect(useStore.getState().lastSwitch).toEqual({ presetId: 'a', result: 'refused', plan: [], message: 'A switch to "b" is running' });
  });

  it('reorders optimistically and sends the full order to the core', async () => {
    const api = createFakeApi();
    let answer: (v: unknown) => void = () => {};
    api.handle('presets.reorder', ({ ids }) => new Promise((resolve) => { answer = () => resolve({ ok: true, result: list(ids) }); }));
    const { useStore } = createAppStore(api);
    useStore.getState().receivePresetList(list(['a', 'b', 'c']));
    const moving = useStore.getState().movePreset('c', -1);
    expect(selectPresets(useStore.getState()).map((p) => p.id)).toEqual(['a', 'c', 'b']);
    answer(null);
    await moving;
    expect(api.calls.at(-1)).toEqual({ method: 'presets.reorder', input: { ids: ['a', 'c', 'b'] } });
  });

  it('ignores a move past either end', async () => {
    const api = createFakeApi();
    const { useStore } = createAppStore(api);
    useStore.getState().receivePresetList(list(['a', 'b']));
    await useStore.getState().movePreset('a', -1);
    await useStore.getState().movePreset('b', 1);
    expect(api.calls).toEqual([]);
  });

  it('restores the core order when a reorder fails', async () => {
    const api = createFakeApi();
    api.handle('presets.reorder', () => ({ ok: false, error: { code: 'failed', message: 'disk full' } }));
    api.handle('presets.list', () => ({ ok: true, result: list(['a', 'b']) }));
    const { useStore } = createAppStore(api);
    useStore.getState().receivePresetList(list(['a', 'b']));
    await useStore.getState().movePreset('b', -1);
    expect(selectPresets(useStore.getState()).map((p) => p.id)).toEqual(['a', 'b']);
    expect(useStore.getState().presetsError).toBe('disk full');
  });
});

describe('models and chat slices', () => {
  it('picks the first loaded model for chat and keeps the user pick while it stays loaded', () => {
    const { useStore } = createAppStore(createFakeApi());
    const s = useStore.getState;
    s().receiveModels(models(['m1', 'm2']));
    expect(s().chatModel).toBe('m1');
    s().pickChatModel('m2');
    s().receiveModels(models(['m2', 'm3']));
    expect(s().chatModel).toBe('m2');
    s().receiveModels(models(['m3']));
    expect(s().chatModel).toBe('m3');
    expect(selectLoadedModels(s()).map((m) => m.instanceId)).toEqual(['m3']);
  });

  it('streams an answer: deltas before the send returns are kept, other requests are ignored', async () => {
    const api = createFakeApi();
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    s().receiveModels(models(['m1']));
    api.handle('chat.send', async (input) => {
      expect(input).toEqual({ messages: [{ role: 'user', content: 'hi' }], model: 'm1' });
      s().receiveDelta({ requestId: 'r1', text: 'Hel' }); // Raced ahead of the response.
      return { ok: true, result: { requestId: 'r1', model: 'm1', reason: 'picked by you' } };
    });
    await s().sendPrompt('  hi ');
    s().receiveDelta({ requestId: 'other', text: 'XX' });
    s().receiveDelta({ requestId: 'r1', text: 'lo' });
    expect(s().turns.at(-1)).toMatchObject({ role: 'assistant', content: 'Hello', status: 'streaming' });
    s().receiveDone({ requestId: 'r1', finishReason: 'stop', error: null, usage: null });
    expect(s().turns.at(-1)?.status).toBe('done');
    expect(s().chatRequestId).toBeNull();
    expect(s().answeringModel).toEqual({ model: 'm1', reason: 'picked by you' });
  });

  it('sends the conversation so far with the next prompt', async () => {
    const api = createFakeApi();
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    let n = 0;
    api.handle('chat.send', () => ({ ok: true, result: { requestId: `r${++n}`, model: 'm', reason: 'only' } }));
    await s().sendPrompt('one');
    s().receiveDelta({ requestId: 'r1', text: 'first' });
    s().receiveDone({ requestId: 'r1', finishReason: 'stop', error: null, usage: null });
    await s().sendPrompt('two');
    expect(api.calls.at(-1)?.input).toEqual({ messages: [{ role: 'user', content: 'one' }, { role: 'assistant', content: 'first' }, { role: 'user', content: 'two' }] });
  });

  it('shows a failed send on the answer and lets the user try again', async () => {
    const api = createFakeApi();
    api.handle('chat.send', () => ({ ok: false, error: { code: 'unavailable', message: 'No model is loaded.' } }));
    const { useStore } = createAppStore(api);
    await useStore.getState().sendPrompt('hi');
    expect(useStore.getState().turns.at(-1)).toMatchObject({ status: 'error', error: 'No model is loaded.' });
    expect(useStore.getState().chatRequestId).toBeNull();
  });

  it('stop cancels the running request; a cancelled end marks the answer stopped', async () => {
    const api = createFakeApi();
    api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r9', model: 'm', reason: 'only' } }));
    api.handle('chat.cancel', () => ({ ok: true, result: { cancelled: true } }));
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    await s().sendPrompt('hi');
    await s().stopAnswer();
    expect(api.calls.at(-1)).toEqual({ method: 'chat.cancel', input: { requestId: 'r9' } });
    s().receiveDone({ requestId: 'r9', finishReason: 'cancelled', error: null, usage: null });
    expect(s().turns.at(-1)?.status).toBe('stopped');
  });
});

describe('settings slice', () => {
  it('sends the token write-only and keeps only whether one is set', async () => {
    const api = createFakeApi();
    api.handle('settings.setLmStudioToken', ({ token }) => ({ ok: true, result: { hasToken: token !== null } }));
    const { useStore } = createAppStore(api);
    const { toPublicSettings } = await import('../../../shared/contract/settings');
    const { defaultSettings } = await import('../../../shared/settings/schema');
    useStore.getState().receiveSettings(toPublicSettings(defaultSettings()));
    expect(await useStore.getState().setLmStudioToken('sk-secret')).toBeNull();
    expect(useStore.getState().settings?.lmstudio.hasToken).toBe(true);
    expect(JSON.stringify(useStore.getState())).not.toContain('sk-secret');
  });
});

describe('unloading from the monitor', () => {
  it('unloads all but pinned, then refreshes; a failure stays visible after the refresh', async () => {
    const api = createFakeApi();
    api.handle('models.unloadAll', () => ({ ok: false, error: { code: 'failed', message: 'LM Studio refused to unload m1' } }));
    api.handle('models.list', () => ({ ok: true, result: models(['m1']) }));
    const { useStore } = createAppStore(api);
    await useStore.getState().unloadAllModels();
    expect(api.calls.map((c) => c.method)).toEqual(['models.unloadAll', 'models.list']);
    expect(useStore.getState().modelsError).toBe('LM Studio refused to unload m1');
  });
});
