import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { selectLoadedModels, selectPresets } from '../../../renderer/src/store/selectors';
import type { ModelsState } from '../../../shared/contract/models';
import type { PresetList } from '../../../shared/contract/presets';
import { summarize } from '../../../shared/bench/bench-stats';
import { qwen7bResult } from '../../support/result-fixture';
import { createFakeApi } from '../../support/fake-api';

const preset = (id: string) => ({
  id,
  name: id.toUpperCase(),
  description: '',
  models: [{ key: 'qwen2.5-7b-instruct' }],
  exclusive: true,
  builtIn: false,
});
const list = (ids: string[]): PresetList => ({
  presets: ids.map(preset),
  activePresetId: null,
  pinned: [],
  applyingPresetId: null,
});
const models = (instances: string[]): ModelsState => ({
  reachable: true,
  apiLevel: 'v1',
  message: null,
  catalog: [],
  loaded: instances.map((id) => ({
    instanceId: id,
    modelKey: id,
    contextLength: 4096,
    gpuOffload: null,
    ttlSeconds: null,
    flashAttention: null,
    offloadKvCacheToGpu: null,
    status: null,
    displayName: id,
    sizeBytes: 1e9,
    pinned: false,
  })),
});

describe('presets slice', () => {
  it('keeps a refusal with its message until the next attempt', async () => {
    const api = createFakeApi();
    api.handle('presets.apply', ({ id }) => ({
      ok: true,
      result: { presetId: id, result: 'refused', plan: [], message: 'needs ~21 GB of VRAM and 3.1 GB are free' },
    }));
    api.handle('presets.list', () => ({ ok: true, result: list(['a']) }));
    const { useStore } = createAppStore(api);
    await useStore.getState().applyPreset('a');
    expect(useStore.getState().lastSwitch).toMatchObject({
      result: 'refused',
      message: 'needs ~21 GB of VRAM and 3.1 GB are free',
    });
  });

  it('turns a transport error into a failed switch the UI can show', async () => {
    const api = createFakeApi();
    api.handle('presets.apply', () => ({
      ok: false,
      error: { code: 'refused', message: 'A switch to "b" is running' },
    }));
    const { useStore } = createAppStore(api);
    await useStore.getState().applyPreset('a');
    expect(useStore.getState().lastSwitch).toEqual({
      presetId: 'a',
      result: 'refused',
      plan: [],
      message: 'A switch to "b" is running',
    });
  });

  it('reorders optimistically and sends the full order to the core', async () => {
    const api = createFakeApi();
    let answer: (v: unknown) => void = () => {};
    api.handle(
      'presets.reorder',
      ({ ids }) =>
        new Promise((resolve) => {
          answer = () => resolve({ ok: true, result: list(ids) });
        }),
    );
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
    expect(useStore.getState().presetsError).toEqual({ call: 'reorder', detail: 'disk full' });
  });
});

describe('models and chat slices', () => {
  it('routes by default (Auto); a pick holds across model changes until Auto or New chat', async () => {
    const api = createFakeApi();
    const routed: unknown[] = [];
    api.handle('chat.route', (input) => {
      routed.push(input);
      return {
        ok: true,
        result: {
          choice: null,
          runnersUp: [],
          reason: 'r',
          reasonParts: { kind: 'none', why: 'no-models', task: 'chat', promptTokens: 1, exclusion: null },
          task: 'chat',
          confidence: 0,
        },
      };
    });
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    s().receiveModels(models(['m1', 'm2']));
    expect(s().chatOverride).toBeNull();
    expect(routed).toEqual([]); // This window never previewed: a models change routes nothing.
    await s().previewRoute('hello');
    expect(routed.at(-1)).toEqual({ messages: [{ role: 'user', content: 'hello' }] });
    await s().pickChatModel({ modelKey: 'm2', displayName: 'M2' });
    expect(routed.at(-1)).toEqual({ messages: [{ role: 'user', content: 'hello' }], model: 'm2' });
    s().receiveModels(models(['m3']));
    expect(s().chatOverride).toEqual({ modelKey: 'm2', displayName: 'M2' });
    await s().pickChatModel(null);
    expect(routed.at(-1)).toEqual({ messages: [{ role: 'user', content: 'hello' }] });
    await s().pickChatModel({ modelKey: 'm3', displayName: 'M3' });
    s().newChat();
    expect(s().chatOverride).toBeNull();
    expect(selectLoadedModels(s()).map((m) => m.instanceId)).toEqual(['m3']);
  });

  it('previews an empty prompt after an answer on the conversation so far, not as an empty question', async () => {
    const api = createFakeApi();
    api.handle('chat.route', () => ({
      ok: true,
      result: {
        choice: null,
        runnersUp: [],
        reason: 'r',
        reasonParts: { kind: 'none', why: 'no-models', task: 'chat', promptTokens: 1, exclusion: null },
        task: 'chat',
        confidence: 0,
      },
    }));
    api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'm', reason: 'x' } }));
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    await s().sendPrompt('fix my code');
    s().receiveDelta({ requestId: 'r1', text: 'done' });
    s().receiveDone({ requestId: 'r1', finishReason: 'stop', error: null, usage: null });
    await s().previewRoute('');
    expect(api.calls.at(-1)?.input).toEqual({
      messages: [
        { role: 'user', content: 'fix my code' },
        { role: 'assistant', content: 'done' },
      ],
    });
  });

  it('drops a preview answer that a newer preview overtook', async () => {
    const api = createFakeApi();
    const release: Array<() => void> = [];
    api.handle(
      'chat.route',
      (input) =>
        new Promise((resolve) => {
          const content = input.messages.at(-1)!.content;
          release.push(() =>
            resolve({
              ok: true,
              result: {
                choice: null,
                runnersUp: [],
                reason: content,
                reasonParts: { kind: 'none', why: 'no-models', task: 'chat', promptTokens: 1, exclusion: null },
                task: 'chat',
                confidence: 0,
              },
            }),
          );
        }),
    );
    const { useStore } = createAppStore(api);
    const first = useStore.getState().previewRoute('old');
    const second = useStore.getState().previewRoute('new');
    release[1]!();
    await second;
    release[0]!();
    await first;
    expect(useStore.getState().chatRoute?.reason).toBe('new');
  });

  it('streams an answer: deltas before the send returns are kept, other requests are ignored', async () => {
    const api = createFakeApi();
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    api.handle('chat.send', async (input) => {
      expect(input).toEqual({ messages: [{ role: 'user', content: 'hi' }], conversationId: 'new' });
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
    expect(s().answeringModel).toEqual({ requestId: 'r1', model: 'm1', reason: 'picked by you' });
  });

  it('sends the conversation so far with the next prompt', async () => {
    const api = createFakeApi();
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    let n = 0;
    api.handle('chat.send', () => ({ ok: true, result: { requestId: `r${++n}`, model: 'm', reason: 'only' } }));
    await s().sendPrompt('one');
    s().receiveDelta({ requestId: 'r1', text: 'first' });
    s().receiveDone({
      requestId: 'r1',
      finishReason: 'stop',
      error: null,
      usage: null,
      conversationId: 'c1',
      messageId: 2,
    });
    await s().sendPrompt('two');
    expect(api.calls.at(-1)?.input).toEqual({
      messages: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'first' },
        { role: 'user', content: 'two' },
      ],
      conversationId: 'c1',
    });
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

describe('slices change each other only through their actions', () => {
  const routeAnswer = (reason: string) => ({
    ok: true as const,
    result: {
      choice: null,
      runnersUp: [],
      reason,
      reasonParts: {
        kind: 'none' as const,
        why: 'no-models' as const,
        task: 'chat' as const,
        promptTokens: 1,
        exclusion: null,
      },
      task: 'chat' as const,
      confidence: 0,
    },
  });

  it('drops a preview that answers after the question was sent, so the chip keeps naming who answers', async () => {
    const api = createFakeApi();
    let release = () => {};
    api.handle(
      'chat.route',
      () =>
        new Promise((resolve) => {
          release = () => resolve(routeAnswer('preview of hi'));
        }),
    );
    api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'm1', reason: 'only' } }));
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    const preview = s().previewRoute('hi');
    await s().sendPrompt('hi');
    release();
    await preview;
    expect(s().chatRoute).toBeNull();
    expect(s().routePrompt).toBe('');
    expect(s().answeringModel?.model).toBe('m1');
  });

  it('keeps a question asked while a kept conversation loads, and drops the late conversation', async () => {
    const api = createFakeApi();
    let release = () => {};
    const old = {
      id: 1,
      role: 'user' as const,
      content: 'What is VRAM?',
      createdMs: 1,
      model: null,
      reason: null,
      ttftMs: null,
      tokensPerSecond: null,
      energyWh: null,
      rating: null,
    };
    api.handle(
      'chat.conversation',
      () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: true, result: { messages: [old] } });
        }),
    );
    api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'm1', reason: 'only' } }));
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    const opening = s().openConversation('c-old');
    await s().sendPrompt('new question');
    release();
    await opening;
    s().receiveDelta({ requestId: 'r1', text: 'answer' });
    expect(s().turns).toEqual([
      { role: 'user', content: 'new question' },
      { role: 'assistant', content: 'answer', status: 'streaming', model: 'm1' },
    ]);
    expect(s().conversationId).toBeNull();
    s().receiveDone({
      requestId: 'r1',
      finishReason: 'stop',
      error: null,
      usage: null,
      conversationId: 'c-new',
      messageId: 2,
    });
    expect(s().conversationId).toBe('c-new');
  });
});

describe('benchmarks slice', () => {
  const stored = (id: number, tps: number) =>
    qwen7bResult({ id, summary: { ...qwen7bResult().summary, tokensPerSecond: summarize([tps]) } });

  it('puts a saved result first once, keeps a row whose delete failed, and ends running with the last phase', async () => {
    const api = createFakeApi();
    api.handle('bench.list', () => ({ ok: true, result: [stored(1, 80), stored(2, 90)] }));
    api.handle('bench.delete', () => ({ ok: false, error: { code: 'failed', message: 'loadout.db is read-only' } }));
    const { useStore } = createAppStore(api);
    const s = useStore.getState;
    await s().loadBenchResults();
    s().receiveBenchSaved(stored(2, 95));
    expect(s().benchResults.map((r) => [r.id, r.summary.tokensPerSecond.median])).toEqual([
      [2, 95],
      [1, 80],
    ]);
    await s().deleteBench(1);
    expect(s().benchResults.map((r) => r.id)).toEqual([2, 1]);
    expect(s().benchError).toEqual({ call: 'delete', detail: 'loadout.db is read-only' });
    const progress = {
      modelKey: 'm',
      phase: 'running' as const,
      step: 1,
      total: 2,
      promptId: null,
      repetition: null,
      lastTokensPerSecond: null,
      elapsedMs: 1,
      message: null,
    };
    s().receiveBenchProgress(progress);
    expect(s().benchRunning).toBe(true);
    s().receiveBenchProgress({ ...progress, phase: 'failed', message: 'LM Studio stopped' });
    expect(s().benchRunning).toBe(false);
  });
});

describe('answer ratings', () => {
  async function answered(api = createFakeApi()) {
    api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'm', reason: 'only' } }));
    const { useStore } = createAppStore(api);
    await useStore.getState().sendPrompt('hi');
    useStore.getState().receiveDone({
      requestId: 'r1',
      finishReason: 'stop',
      error: null,
      usage: null,
      model: 'm',
      messageId: 42,
      conversationId: 'c',
      ttftMs: 120,
      tokensPerSecond: 55.5,
      energyWh: 0.02,
    });
    return { api, s: useStore.getState };
  }

  it('keeps the measurements, rates 👍, switches to 👎 and clears with the same button', async () => {
    const api = createFakeApi();
    api.handle('chat.rate', () => ({ ok: true, result: { rated: true } }));
    const { s } = await answered(api);
    expect(s().turns[1]).toMatchObject({
      model: 'm',
      messageId: 42,
      ttftMs: 120,
      tokensPerSecond: 55.5,
      energyWh: 0.02,
    });
    await s().rateAnswer(1, 1);
    expect(s().turns[1]?.rating).toBe(1);
    await s().rateAnswer(1, -1);
    await s().rateAnswer(1, -1);
    expect(api.calls.filter((c) => c.method === 'chat.rate').map((c) => c.input)).toEqual([
      { messageId: 42, rating: 1 },
      { messageId: 42, rating: -1 },
      { messageId: 42, rating: 0 },
    ]);
    expect(s().turns[1]?.rating).toBeNull();
  });

  it('puts the rating back and says why when the core refuses it', async () => {
    const api = createFakeApi();
    api.handle('chat.rate', () => ({ ok: false, error: { code: 'unavailable', message: 'Chat history is off' } }));
    const { s } = await answered(api);
    await s().rateAnswer(1, 1);
    expect(s().turns[1]).toMatchObject({ rating: null, ratingError: 'Chat history is off' });
    await s().rateAnswer(0, 1); // A question cannot be rated: nothing is sent.
    expect(api.calls.filter((c) => c.method === 'chat.rate')).toHaveLength(1);
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
    api.handle('models.unloadAll', () => ({
      ok: false,
      error: { code: 'failed', message: 'LM Studio refused to unload m1' },
    }));
    api.handle('models.list', () => ({ ok: true, result: models(['m1']) }));
    const { useStore } = createAppStore(api);
    await useStore.getState().unloadAllModels();
    expect(api.calls.map((c) => c.method)).toEqual(['models.unloadAll', 'models.list']);
    expect(useStore.getState().modelsError).toEqual({ call: 'unload-all', detail: 'LM Studio refused to unload m1' });
  });
});
