/** The Benchmarks view of the monitor window: run one, follow it, compare, rate and export results. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { wordBenchCallFailure } from '../../../../shared/bench/bench-call-failure';
import type { Translate } from '../../../../shared/i18n/translate';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore, useGetState } from '../../store/store-context';
import { BenchmarkForm } from './benchmark-form';
import { ResultsTable } from './results-table';

/** Offer text as a file download (a Blob URL on an <a download>, released right after). */
function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The Benchmarks panel. */
export function BenchmarksPanel() {
  const { t, i18n } = useTranslation();
  const get = useGetState();
  const connected = useAppStore((s) => s.connection === 'open');
  const view = useAppStore(
    useShallow((s) => ({
      results: s.benchResults,
      progress: s.benchProgress,
      running: s.benchRunning,
      error: s.benchError,
      cancelled: s.benchCancelled,
    })),
  );
  const [copied, setCopied] = useState(false);
  const locale = i18n.language === 'pt-BR' ? 'pt-BR' : 'en';

  useEffect(() => {
    if (connected) void get().loadBenchResults();
  }, [connected, get]);

  const copyMarkdown = async () => {
    const out = await get().exportBench('md', locale);
    if (!out) return;
    await navigator.clipboard.writeText(out.text);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const save = async (format: 'md' | 'csv') => {
    const out = await get().exportBench(format, locale);
    if (out) download(out.fileName, out.text, format === 'md' ? 'text/markdown' : 'text/csv');
  };

  return (
    <section className="card" aria-labelledby="bench-title" data-testid="benchmarks-panel">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="bench-title">{t('bench.title')}</h2>
        <div className="row">
          <button
            type="button"
            onClick={() => void copyMarkdown()}
            disabled={!view.results.length}
            data-testid="bench-copy-md"
          >
            {copied ? t('bench.copied') : t('bench.copyMarkdown')}
          </button>
          <button type="button" onClick={() => void save('md')} disabled={!view.results.length}>
            {t('bench.downloadMarkdown')}
          </button>
          <button
            type="button"
            onClick={() => void save('csv')}
            disabled={!view.results.length}
            data-testid="bench-csv"
          >
            {t('bench.downloadCsv')}
          </button>
        </div>
      </div>
      <BenchmarkForm
        running={view.running}
        progress={view.progress}
        onRun={(r) => void get().runBench(r)}
        onCancel={() => void get().cancelBench()}
      />
      {view.error ? (
        <div className="banner banner-err" role="alert" style={{ marginTop: 8 }}>
          {wordBenchCallFailure(view.error, t as unknown as Translate)}
        </div>
      ) : null}
      {view.cancelled ? (
        <div className="banner banner-info" role="status" style={{ marginTop: 8 }}>
          {t('bench.cancelled')}
        </div>
      ) : null}
      <div style={{ marginTop: 12, overflowX: 'auto' }}>
        {view.results.length === 0 ? (
          <p className="muted small">{t('bench.empty')}</p>
        ) : (
          <ResultsTable
            results={view.results}
            onRate={(r) => get().rateBench(r)}
            onDelete={(id) => void get().deleteBench(id)}
          />
        )}
      </div>
    </section>
  );
}
