/** The results table, sortable by speed, first-token latency, energy per token, rating and date. */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchResult } from '../../../../shared/bench/bench-record';
import type { BenchRateRequest } from '../../../../shared/contract/bench';
import { formatNumber } from '../../format/format-number';
import { RateForm } from './rate-form';
import { defaultDescending, sortResults, type BenchSort, type BenchSortKey } from './sort-results';

const COLUMNS: Array<{ key: BenchSortKey | null; label: string }> = [
  { key: null, label: 'bench.colModel' },
  { key: null, label: 'bench.colDevice' },
  { key: 'speed', label: 'bench.colSpeed' },
  { key: 'latency', label: 'bench.colLatency' },
  { key: 'energy', label: 'bench.colEnergy' },
  { key: 'rating', label: 'bench.colRating' },
  { key: null, label: 'bench.colEstimate' },
  { key: 'date', label: 'bench.colDate' },
];

/** The table of stored results with per-row rating and deletion. */
export function ResultsTable({
  results,
  onRate,
  onDelete,
}: {
  results: BenchResult[];
  onRate: (r: BenchRateRequest) => Promise<boolean>;
  onDelete: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<BenchSort>({ key: 'date', descending: true });
  const [editing, setEditing] = useState<number | null>(null);
  const lang = i18n.language;
  const sorted = sortResults(results, sort);
  const sortBy = (key: BenchSortKey) =>
    setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: defaultDescending(key) }));
  return (
    <table data-testid="bench-table">
      <thead>
        <tr>
          {COLUMNS.map((c) => {
            const label = t(c.label as 'bench.colModel');
            if (!c.key)
              return (
                <th key={c.label} scope="col">
                  {label}
                </th>
              );
            const active = sort.key === c.key;
            return (
              <th
                key={c.label}
                scope="col"
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="ghost"
                  onClick={() => sortBy(c.key!)}
                  title={t('bench.sortBy', { column: label })}
                  data-testid={`bench-sort-${c.key}`}
                >
                  {label}
                  {active ? (sort.descending ? ' ↓' : ' ↑') : ''}
                </button>
              </th>
            );
          })}
          <th scope="col">
            <span className="sr-only">{t('bench.rate')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => {
          const tps = r.summary.tokensPerSecond;
          const doc = r.estimates.document;
          const own = r.estimates.loadout;
          return (
            <Fragment key={r.id}>
              <tr data-testid="bench-row" data-id={r.id}>
                <td title={r.model.key}>
                  {r.model.displayName} <span className="muted small">{r.model.quantization ?? ''}</span>
                </td>
                <td title={r.deviceReason}>{r.device === 'unknown' ? '—' : r.device.toUpperCase()}</td>
                <td
                  className="num"
                  title={
                    tps.spreadPercent === null
                      ? undefined
                      : t('bench.spread', { value: formatNumber(tps.spreadPercent, lang, 1) })
                  }
                >
                  {formatNumber(tps.median, lang, 1)}
                </td>
                <td className="num">
                  {r.summary.ttftMs.median === null ? '—' : `${formatNumber(r.summary.ttftMs.median, lang, 0)} ms`}
                </td>
                <td className="num">{formatNumber(r.energy.whPer1kTokens, lang, 2)}</td>
                <td
                  aria-label={r.human.rating === null ? t('bench.notRated') : t('bench.stars', { n: r.human.rating })}
                >
                  {r.human.rating === null ? (
                    <span className="muted small">{t('bench.notRated')}</span>
                  ) : (
                    <span className="stars">
                      {'★'.repeat(r.human.rating)}
                      {'☆'.repeat(5 - r.human.rating)}
                    </span>
                  )}
                </td>
                <td
                  className="small"
                  title={
                    own?.pointTokensPerSecond
                      ? t('bench.loadoutEstimate', { value: Math.round(own.pointTokensPerSecond) })
                      : r.estimates.loadoutNote
                  }
                >
                  {doc ? (
                    <>
                      ~{doc.lowTokensPerSecond}-{doc.highTokensPerSecond}{' '}
                      <span className={doc.verdict === 'inside' ? 'pill ok' : 'pill'}>
                        {t(`bench.verdict_${doc.verdict}` as 'bench.verdict_inside')}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{t('bench.noEstimate')}</span>
                  )}
                </td>
                <td className="small">
                  {new Date(r.startedAt).toLocaleString(lang, { dateStyle: 'short', timeStyle: 'short' })}
                </td>
                <td className="row" style={{ flexWrap: 'nowrap' }}>
                  <button
                    type="button"
                    className="icon"
                    onClick={() => setEditing(editing === r.id ? null : r.id)}
                    aria-expanded={editing === r.id}
                    data-testid="bench-rate"
                  >
                    {t('bench.rate')}
                  </button>
                  <button
                    type="button"
                    className="icon danger"
                    onClick={() => onDelete(r.id)}
                    aria-label={`${t('bench.delete')} #${r.id}`}
                  >
                    ✕
                  </button>
                </td>
              </tr>
              {editing === r.id ? (
                <tr>
                  <td colSpan={COLUMNS.length + 1}>
                    <RateForm result={r} onSave={onRate} onClose={() => setEditing(null)} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
