// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { createFakeApi, sampleAt } from '../../support/fake-api';

const chartRenders = vi.hoisted(() => ({ count: 0 }));
// The charts draw themselves from the history; here we only count how often React renders them.
vi.mock('../../../renderer/src/monitor/live-chart', () => ({
  LiveChart: () => {
    chartRenders.count++;
    return null;
  },
}));

const { ChartsGrid } = await import('../../../renderer/src/monitor/charts-grid');

afterEach(cleanup);

describe('the monitor charts at 1 Hz', () => {
  it('are not re-rendered by React for each new sample (the history feeds them directly)', () => {
    const api = createFakeApi();
    const store = createAppStore(api);
    bindEvents(store);
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <StoreProvider store={store}>
          <ChartsGrid range="5m" />
        </StoreProvider>
      </I18nextProvider>,
    );
    act(() => api.emit('hardware.sample', sampleAt('2026-11-26T10:00:00Z', 100)));
    const afterFirst = chartRenders.count;
    expect(afterFirst).toBeGreaterThanOrEqual(8);
    for (let i = 1; i <= 30; i++)
      act(() =>
        api.emit(
          'hardware.sample',
          sampleAt(new Date(Date.parse('2026-11-26T10:00:00Z') + i * 1000).toISOString(), 100 + i),
        ),
      );
    expect(chartRenders.count).toBe(afterFirst);
    expect(store.history.size).toBe(31);
  });
});
