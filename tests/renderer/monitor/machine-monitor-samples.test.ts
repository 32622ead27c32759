/** Another machine's samples reach its charts in time order, whatever order the relayed answers come in. */
import { describe, expect, it } from 'vitest';
import { appendNewer } from '../../../renderer/src/monitor/machine-monitor';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { createFakeApi, sampleAt } from '../../support/fake-api';

describe('appendNewer', () => {
  it('keeps only samples newer than the newest held, and shows the last one appended', () => {
    const store = createAppStore(createFakeApi());
    appendNewer(store, [sampleAt('2026-12-07T10:00:02Z', 200)]);
    // The hour of history answering after the latest sample (or a second time): nothing older goes after it.
    appendNewer(store, [sampleAt('2026-12-07T10:00:00Z', 100), sampleAt('2026-12-07T10:00:01Z', 150)]);
    expect(store.history.size).toBe(1);
    appendNewer(store, [sampleAt('2026-12-07T10:00:02Z', 200), sampleAt('2026-12-07T10:00:03Z', 250)]);
    expect(store.history.size).toBe(2);
    expect(store.history.latestTime).toBe(Date.parse('2026-12-07T10:00:03Z') / 1000);
    expect(store.useStore.getState().latestSample?.gpus[0]?.powerW).toBe(250);
  });
});
