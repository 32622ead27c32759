/**
 * Chat deltas reach the store once per frame (issue 12, item 5): a burst of thousands is one store
 * update, the end of an answer never overtakes its last text, and unbinding drops what is queued.
 */
import { describe, expect, it } from 'vitest';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { joinChatDeltas } from '../../../renderer/src/store/chat-slice';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { batchPerFrame, type FrameScheduler } from '../../../renderer/src/store/frame-batch';
import { createFakeApi } from '../../support/fake-api';

/** A frame clock the test advances by hand. */
function manualFrames() {
  let pending: Array<() => void> = [];
  const schedule: FrameScheduler = (run) => {
    pending.push(run);
    return () => {
      pending = pending.filter((r) => r !== run);
    };
  };
  return {
    schedule,
    waiting: () => pending.length,
    tick: () => {
      const runs = pending;
      pending = [];
      for (const r of runs) r();
    },
  };
}

async function streamingStore() {
  const api = createFakeApi();
  api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'qwen', reason: 'picked by you' } }));
  const store = createAppStore(api);
  const frames = manualFrames();
  const unbind = bindEvents(store, { frames: frames.schedule });
  await store.useStore.getState().sendPrompt('hello');
  let updates = 0;
  store.useStore.subscribe(() => {
    updates++;
  });
  const answer = () => store.useStore.getState().turns.at(-1);
  return { api, store, frames, unbind, answer, updates: () => updates };
}

describe('chat deltas, batched per frame', () => {
  it('turns a burst of 5,000 deltas into one store update on the next frame', async () => {
    const { api, frames, answer, updates } = await streamingStore();
    for (let i = 0; i < 5000; i++) api.emit('chat.delta', { requestId: 'r1', text: `t${i} ` });
    expect(updates()).toBe(0);
    expect(frames.waiting()).toBe(1);
    frames.tick();
    expect(updates()).toBe(1);
    expect(answer()?.content.startsWith('t0 t1 t2 ')).toBe(true);
    expect(answer()?.content.endsWith('t4999 ')).toBe(true);
    expect(answer()?.status).toBe('streaming');
  });

  it('puts the queued text in before the answer ends, without waiting for a frame', async () => {
    const { api, frames, answer } = await streamingStore();
    api.emit('chat.delta', { requestId: 'r1', text: '# Title\n\n' });
    api.emit('chat.delta', { requestId: 'r1', text: 'body' });
    api.emit('chat.done', { requestId: 'r1', finishReason: 'stop', error: null, usage: null });
    expect(answer()).toMatchObject({ content: '# Title\n\nbody', status: 'done' });
    expect(frames.waiting()).toBe(0);
  });

  it('drops queued deltas on unbind', async () => {
    const { api, frames, unbind, answer } = await streamingStore();
    api.emit('chat.delta', { requestId: 'r1', text: 'late' });
    unbind();
    frames.tick();
    expect(answer()?.content).toBe('');
  });
});

describe('joinChatDeltas', () => {
  it('joins consecutive deltas of one request and keeps other requests apart, in order', () => {
    expect(
      joinChatDeltas([
        { requestId: 'a', text: '1' },
        { requestId: 'a', text: '2' },
        { requestId: 'b', text: 'x' },
        { requestId: 'a', text: '3' },
      ]),
    ).toEqual([
      { requestId: 'a', text: '12' },
      { requestId: 'b', text: 'x' },
      { requestId: 'a', text: '3' },
    ]);
  });
});

describe('batchPerFrame', () => {
  it('schedules one frame per batch and never delivers an empty one', () => {
    const frames = manualFrames();
    const got: number[][] = [];
    const batch = batchPerFrame<number>((items) => got.push(items), frames.schedule);
    batch.flush();
    batch.push(1);
    batch.push(2);
    expect(frames.waiting()).toBe(1);
    frames.tick();
    batch.push(3);
    frames.tick();
    expect(got).toEqual([[1, 2], [3]]);
  });
});
