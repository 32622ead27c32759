/**
 * The one place contract events meet the store: each event is bound to one store action, once per
 * window. `hardware.sample` also feeds the chart history, which lives outside React on purpose.
 * Chat deltas reach the store once per frame, joined, so any stream speed renders (see frame-batch).
 */
import type { ChatDelta } from '../../../shared/contract/chat';
import { joinChatDeltas } from './chat-slice';
import type { AppStore } from './create-app-store';
import { batchPerFrame, nextAnimationFrame, type FrameScheduler } from './frame-batch';

/** Subscribe the store to every contract event and the connection state; returns the unbind. */
export function bindEvents(
  { api, useStore, history }: AppStore,
  options: { frames?: FrameScheduler } = {},
): () => void {
  const s = useStore.getState;
  const deltas = batchPerFrame<ChatDelta>((batch) => {
    for (const delta of joinChatDeltas(batch)) s().receiveDelta(delta);
  }, options.frames ?? nextAnimationFrame);
  const offs = [
    api.on('hardware.sample', (sample) => {
      history.append(sample);
      s().receiveSample(sample);
    }),
    api.on('models.changed', (state) => s().receiveModels(state)),
    api.on('presets.changed', (list) => s().receivePresetList(list)),
    api.on('presets.progress', (progress) => s().receiveProgress(progress)),
    api.on('settings.changed', (settings) => s().receiveSettings(settings)),
    api.on('settings.problem', ({ problem }) => s().receiveSettingsProblem(problem)),
    api.on('database.lock', ({ lock }) => s().receiveDatabaseLock(lock)),
    api.on('energy.idleAlert', (alert) => s().receiveIdleAlert(alert)),
    api.on('bench.progress', (progress) => s().receiveBenchProgress(progress)),
    api.on('bench.saved', (result) => s().receiveBenchSaved(result)),
    api.on('fleet.changed', (state) => s().receiveFleet(state)),
    api.on('chat.delta', (delta) => deltas.push(delta)),
    // The text queued for this frame belongs before the end.
    api.on('chat.done', (done) => {
      deltas.flush();
      s().receiveDone(done);
    }),
    api.onStatus((status, reason) => s().setConnection(status, reason)),
  ];
  return () => {
    deltas.cancel();
    for (const off of offs) off();
  };
}
