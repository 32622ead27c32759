import { describe, expect, it } from 'vitest';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { createFakeApi, sampleAt } from '../../support/fake-api';

describe('bindEvents', () => {
  it('routes each contract event to its store action, and the samples also to the chart history', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(store);
    const s = store.useStore.getState;
    api.emit('hardware.sample', sampleAt('2026-11-26T10:00:00Z', 123.4));
    expect(s().latestSample?.gpus[0]?.powerW).toBe(123.4);
    expect(store.history.size).toBe(1);
    api.emit('presets.progress', {
      presetId: 'p',
      phase: 'loading',
      step: 1,
      total: 2,
      key: 'k',
      sizeBytes: null,
      elapsedMs: 5,
      message: null,
    });
    expect(s().progress?.phase).toBe('loading');
    api.emit('presets.changed', { presets: [], activePresetId: 'p', pinned: ['k'], applyingPresetId: null });
    expect(s().presetList?.activePresetId).toBe('p');
    api.emit('energy.idleAlert', {
      watts: 130,
      baselineW: 35,
      minutes: 10,
      costPerDay: null,
      suggestedPresetId: null,
      message: 'GPU idles at 130 W',
    });
    expect(s().idleAlert?.watts).toBe(130);
    api.setStatus('closed', 'server stopped');
    expect(s().connection).toBe('closed');
    expect(s().connectionReason).toBe('server stopped');
  });

  it('unbinds every listener', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    const unbind = bindEvents(store);
    expect(api.listenerCount()).toBeGreaterThanOrEqual(9);
    unbind();
    expect(api.listenerCount()).toBe(0);
    api.emit('hardware.sample', sampleAt('2026-11-26T10:00:00Z', 1));
    expect(store.useStore.getState().latestSample).toBeNull();
  });
});
