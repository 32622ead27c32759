/**
 * The one place contract events meet the store: each event is bound to one store action, once per
 * window. `hardware.sample` also feeds the chart history, which lives outside React on purpose.
 */
import type { AppStore } from './create-app-store';

/** Subscribe the store to every contract event and the connection state; returns the unbind. */
export function bindEvents({ api, useStore, history }: AppStore): () => void {
  const s = useStore.getState;
  const offs = [
    api.on('hardware.sample', (sample) => { history.append(sample); s().receiveSample(sample); }),
    api.on('models.changed', (state) => s().receiveModels(state)),
    api.on('presets.changed', (list) => s().receivePresetList(list)),
    api.on('presets.progress', (progress) => s().receiveProgress(progress)),
    api.on('settings.changed', (settings) => s().receiveSettings(settings)),
    api.on('energy.idleAlert', (alert) => s().receiveIdleAlert(alert)),
    api.on('chat.delta', (delta) => s().receiveDelta(delta)),
    api.on('chat.done', (done) => s().receiveDone(done)),
    api.onStatus((status, reason) => s().setConnection(status, reason)),
  ];
  return () => { for (const off of offs) off(); };
}
    api.on('settings.problem', ({ problem }) => s().receiveSettingsProblem(problem)),
