import { describe, expect, it } from 'vitest';
import { useServeSession } from '../support/serve-session';

const session = useServeSession();
const start = (preload: Array<{ key: string }> = []) => session.start({ emulator: { preload } });

const chatPreset = {
  id: 'chat-7b',
  name: 'Chat 7B',
  description: '',
  models: [{ key: 'qwen2.5-7b-instruct', contextLength: 4096 }],
  exclusive: true,
  builtIn: false,
};

describe('loadout serve against the LM Studio emulator', () => {
  it('lists the catalog and loaded models with sizes', async () => {
    const ws = await start([{ key: 'llama-3.2-3b-instruct' }]);
    const res = (await ws.call('models.list')).result as {
      reachable: boolean;
      apiLevel: string;
      catalog: unknown[];
      loaded: Array<{ modelKey: string; sizeBytes: number | null }>;
    };
    expect(res.reachable).toBe(true);
    expect(res.apiLevel).toBe('v1');
    expect(res.catalog.length).toBeGreaterThan(5);
    expect(res.loaded).toEqual([
      expect.objectContaining({ modelKey: 'llama-3.2-3b-instruct', sizeBytes: expect.any(Number) }),
    ]);
  });

  it('saves a preset, dry-runs it, applies it with progress events, and unloads', async () => {
    const ws = await start([{ key: 'llama-3.2-3b-instruct' }]);
    expect((await ws.call('presets.save', { preset: chatPreset })).result).toMatchObject({ id: 'chat-7b' });
    expect(await ws.waitForEvent('presets.changed')).toMatchObject({
      presets: expect.arrayContaining([expect.objectContaining({ id: 'chat-7b' })]),
    });
    const plan = (await ws.call('presets.plan', { id: 'chat-7b' })).result as {
      plan: Array<{ action: string; key: string }>;
      fit: { fits: boolean };
    };
    expect(plan.plan.map((s) => [s.action, s.key])).toEqual([
      ['unload', 'llama-3.2-3b-instruct'],
      ['load', 'qwen2.5-7b-instruct'],
    ]);

    const applied = await ws.call('presets.apply', { id: 'chat-7b' });
    expect(applied.result).toMatchObject({ presetId: 'chat-7b', result: 'ok', message: null });
    const phases = ws.events
      .filter((e) => e.event === 'presets.progress')
      .map((e) => (e.payload as { phase: string }).phase);
    expect(phases[0]).toBe('planning');
    expect(phases).toContain('unloading');
    expect(phases).toContain('loading');
    expect(phases.at(-1)).toBe('done');
    const models = (await ws.call('models.list')).result as { loaded: Array<{ modelKey: string }> };
    expect(models.loaded.map((m) => m.modelKey)).toEqual(['qwen2.5-7b-instruct']);
    expect((await ws.call('presets.list')).result).toMatchObject({ activePresetId: 'chat-7b', applyingPresetId: null });

    expect((await ws.call('models.unloadAll')).result).toMatchObject({
      unloaded: [expect.stringContaining('qwen2.5-7b-instruct')],
      result: 'ok',
    });
    expect(
      await ws.waitForEvent('models.changed', 10_000, (p) => (p as { loaded: unknown[] }).loaded.length === 0),
    ).toMatchObject({ reachable: true, loaded: [] });
  });

  it('answers a missing preset with not-found and a missing instance with a refusal', async () => {
    const ws = await start();
    expect((await ws.call('presets.apply', { id: 'nope' })).error).toMatchObject({ code: 'not-found' });
    expect((await ws.call('models.unload', { instanceId: 'ghost' })).error).toMatchObject({
      code: 'refused',
      message: expect.stringContaining('ghost'),
    });
  });

  it('streams a quick chat answer from a loaded model, with the model and the reason', async () => {
    const ws = await start([{ key: 'qwen2.5-7b-instruct' }]);
    const started = await ws.call('chat.send', { messages: [{ role: 'user', content: 'Say hello in one sentence.' }] });
    const { requestId, model, reason } = started.result as { requestId: string; model: string; reason: string };
    expect(model).toBe('qwen2.5-7b-instruct');
    expect(reason.length).toBeGreaterThan(0);
    const done = (await ws.waitForEvent('chat.done', 20_000)) as {
      requestId: string;
      finishReason: string;
      usage: { completionTokens: number } | null;
    };
    expect(done).toMatchObject({ requestId, finishReason: 'stop', error: null });
    const text = ws.events
      .filter((e) => e.event === 'chat.delta' && (e.payload as { requestId: string }).requestId === requestId)
      .map((e) => (e.payload as { text: string }).text)
      .join('');
    expect(text.length).toBeGreaterThan(10);
  });

  it('refuses a quick chat when no model is loaded, saying what to do', async () => {
    const ws = await start();
    const res = await ws.call('chat.send', { messages: [{ role: 'user', content: 'hi' }] });
    expect(res.error).toMatchObject({ code: 'refused' });
    expect((res.error as { message: string }).message.length).toBeGreaterThan(10);
  });
});

describe('quick chat cancel', () => {
  it('stops a streaming answer and ends it as cancelled', async () => {
    const socket = await session.start({ emulator: { preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 5 } });
    const { requestId } = (
      await socket.call('chat.send', { messages: [{ role: 'user', content: 'Write a long story.' }] })
    ).result as { requestId: string };
    await socket.waitForEvent('chat.delta', 10_000);
    expect((await socket.call('chat.cancel', { requestId })).result).toEqual({ cancelled: true });
    expect(await socket.waitForEvent('chat.done', 10_000)).toMatchObject({
      requestId,
      finishReason: 'cancelled',
      error: null,
    });
    expect((await socket.call('chat.cancel', { requestId })).result).toEqual({ cancelled: false });
  });
});
