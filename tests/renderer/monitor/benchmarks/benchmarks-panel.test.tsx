// @vitest-environment jsdom
/** The Benchmarks view of the monitor window against a scripted API: run with progress, sort, rate, errors. */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { BenchmarksPanel } from '../../../../renderer/src/monitor/benchmarks/benchmarks-panel';
import { createI18n } from '../../../../renderer/src/i18n/init-i18n';
import { bindEvents } from '../../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../../renderer/src/store/store-context';
import type { BenchResult } from '../../../../shared/bench/bench-record';
import { summarize } from '../../../../shared/bench/bench-stats';
import { CatalogModelSchema } from '../../../../shared/lmstudio/types';
import { createFakeApi } from '../../../support/fake-api';
import { qwen7bResult } from '../../../support/result-fixture';

afterEach(cleanup);

const result = (id: number, tps: number, ttft: number, rating: number | null, day: number): BenchResult =>
  qwen7bResult({
    id,
    startedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    model: { ...qwen7bResult().model, key: `model-${id}`, displayName: `Model ${id}` },
    summary: { ...qwen7bResult().summary, tokensPerSecond: summarize([tps]), ttftMs: summarize([ttft]) },
    human: { rating, bestFor: null, issues: null, notes: null, ratedAt: null },
  });

const model = CatalogModelSchema.parse({
  key: 'qwen2.5-7b-instruct',
  displayName: 'Qwen2.5 7B Instruct',
  type: 'llm',
  publisher: 'lmstudio-community',
  architecture: 'qwen2',
  quantization: 'Q4_K_M',
  bitsPerWeight: 4,
  sizeBytes: 4.68e9,
  paramsString: '7B',
  format: 'gguf',
  maxContextLength: 32768,
  capabilities: { vision: false, toolUse: true, reasoning: false },
  loadedInstances: [],
});

/** A window's store with its events bound (as main.tsx does), the panel not shown yet. */
function windowStore(stored: BenchResult[]) {
  const api = createFakeApi();
  api.handle('bench.list', () => ({ ok: true, result: stored }));
  const store = createAppStore(api);
  bindEvents(store);
  store.useStore
    .getState()
    .receiveModels({ reachable: true, apiLevel: 'v1', message: null, catalog: [model], loaded: [] });
  store.useStore.getState().setConnection('open', null);
  return { api, store };
}

async function show(store: ReturnType<typeof createAppStore>, language: 'en' | 'pt-BR' = 'en') {
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <BenchmarksPanel />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
}

async function setup(stored: BenchResult[], language: 'en' | 'pt-BR' = 'en') {
  const { api, store } = windowStore(stored);
  await show(store, language);
  return { api };
}

const running = {
  modelKey: 'qwen2.5-7b-instruct',
  phase: 'running' as const,
  step: 5,
  total: 24,
  promptId: 'long-en',
  repetition: 1,
  lastTokensPerSecond: 97.4,
  elapsedMs: 9000,
  message: null,
};

const rowIds = () => screen.getAllByTestId('bench-row').map((r) => Number(r.getAttribute('data-id')));

describe('the Benchmarks view', () => {
  it('lists results newest first and sorts by speed, latency and rating', async () => {
    await setup([result(1, 80, 300, 3, 1), result(2, 120, 150, null, 2), result(3, 95, 90, 5, 3)]);
    expect(rowIds()).toEqual([3, 2, 1]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-sort-speed'));
    });
    expect(rowIds()).toEqual([2, 3, 1]);
    expect(screen.getByTestId('bench-sort-speed').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-sort-speed'));
    });
    expect(rowIds()).toEqual([1, 3, 2]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-sort-latency'));
    });
    expect(rowIds()).toEqual([3, 2, 1]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-sort-rating'));
    });
    expect(rowIds()).toEqual([3, 1, 2]);
  });

  it('runs a benchmark with the chosen load config, shows progress, then the new result', async () => {
    const { api } = await setup([]);
    expect(screen.getByText(/No benchmarks yet/)).toBeTruthy();
    let finish: (r: BenchResult) => void = () => {};
    api.handle(
      'bench.run',
      () =>
        new Promise((resolve) => {
          finish = (r) => resolve({ ok: true, result: r });
        }),
    );
    fireEvent.change(screen.getByTestId('bench-model'), { target: { value: 'qwen2.5-7b-instruct' } });
    fireEvent.change(screen.getByDisplayValue('Automatic'), { target: { value: 'max' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-run'));
    });
    expect(api.calls.find((c) => c.method === 'bench.run')?.input).toEqual({
      modelKey: 'qwen2.5-7b-instruct',
      runs: 3,
      keepLoaded: false,
      gpuOffload: 'max',
    });
    await act(async () => {
      api.emit('bench.progress', running);
    });
    expect(screen.getByTestId('bench-progress').textContent).toContain(
      'Benchmarking qwen2.5-7b-instruct: running the suite · 5 of 24 answers · last answer 97.4 tok/s',
    );
    expect(screen.getByTestId('bench-cancel')).toBeTruthy();
    await act(async () => {
      finish(result(9, 98, 140, null, 26));
    });
    expect(rowIds()).toEqual([9]);
    expect(screen.queryByTestId('bench-progress')).toBeNull();
  });

  it('cancels through bench.cancel and says nothing was stored', async () => {
    const { api } = await setup([]);
    let settle: () => void = () => {};
    api.handle(
      'bench.run',
      () =>
        new Promise((resolve) => {
          settle = () =>
            resolve({
              ok: false,
              error: { code: 'cancelled', message: 'The benchmark was cancelled; nothing was stored.' },
            });
        }),
    );
    api.handle('bench.cancel', () => {
      settle();
      return { ok: true, result: { cancelled: true } };
    });
    fireEvent.change(screen.getByTestId('bench-model'), { target: { value: 'qwen2.5-7b-instruct' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-run'));
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-cancel'));
    });
    expect(screen.getByRole('status').textContent).toContain('nothing was stored');
  });

  it('rates a result: stars, best for, issues', async () => {
    const { api } = await setup([result(4, 90, 120, null, 5)]);
    api.handle('bench.rate', (input) => ({
      ok: true,
      result: {
        ...result(4, 90, 120, input.rating ?? null, 5),
        human: {
          rating: input.rating ?? null,
          bestFor: input.bestFor ?? null,
          issues: input.issues ?? null,
          notes: null,
          ratedAt: 'now',
        },
      },
    }));
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-rate'));
    });
    const form = screen.getByTestId('bench-rate-form');
    fireEvent.click(within(form).getByRole('radio', { name: '4 of 5 stars' }));
    fireEvent.change(within(form).getByLabelText('Best for'), { target: { value: 'Code review' } });
    fireEvent.change(within(form).getByLabelText('Issues (hallucinations, errors…)'), {
      target: { value: 'Made up an API once' },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('bench-rate-save'));
    });
    expect(api.calls.find((c) => c.method === 'bench.rate')?.input).toEqual({
      id: 4,
      rating: 4,
      bestFor: 'Code review',
      issues: 'Made up an API once',
      notes: null,
    });
    expect(screen.queryByTestId('bench-rate-form')).toBeNull();
    expect(screen.getByLabelText('4 of 5 stars').textContent).toBe('★★★★☆');
  });

  it('shows a benchmark that ran before the view opened, and keeps it when the view opens again', async () => {
    const { api, store } = windowStore([result(5, 91, 130, null, 4)]);
    api.emit('bench.progress', running);
    await show(store);
    expect(screen.getByTestId('bench-progress').textContent).toContain('5 of 24 answers');
    expect(rowIds()).toEqual([5]);
    cleanup();
    await show(store);
    expect(screen.getByTestId('bench-progress').textContent).toContain('5 of 24 answers');
    expect(screen.getByTestId('bench-cancel')).toBeTruthy();
  });

  it("says in the user's language that the benchmark did not run, the core's error kept as the detail", async () => {
    const { api } = await setup([], 'pt-BR');
    api.handle('bench.run', () => ({
      ok: false,
      error: { code: 'refused', message: '"x" is not downloaded in LM Studio.' },
    }));
    fireEvent.change(screen.getByTestId('bench-model'), { target: { value: 'qwen2.5-7b-instruct' } });
    await act(async () => {
      fireEvent.click(screen.getByText('Medir'));
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'O benchmark não rodou; nada foi guardado. Confira se o modelo está baixado e se o LM Studio está rodando, e ' +
        'tente de novo. Detalhe: "x" is not downloaded in LM Studio.',
    );
    expect(screen.getByText('Copiar Markdown')).toBeTruthy();
  });

  it('says in English that a result was not deleted and stays in the list', async () => {
    const { api, store } = windowStore([result(1, 80, 300, null, 2)]);
    await show(store);
    api.handle('bench.delete', () => ({ ok: false, error: { code: 'failed', message: 'loadout.db is read-only' } }));
    await act(async () => {
      await store.useStore.getState().deleteBench(1);
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'The result was not deleted; it stays in the list. Try again. Detail: loadout.db is read-only',
    );
  });
});
