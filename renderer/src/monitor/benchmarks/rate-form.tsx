/** The checklist's human part for one result: quality stars, best for, issues, notes; editable any time. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchResult } from '../../../../shared/bench/bench-record';
import type { BenchRateRequest } from '../../../../shared/contract/bench';

/** The rating form of one result. */
export function RateForm({
  result,
  onSave,
  onClose,
}: {
  result: BenchResult;
  onSave: (request: BenchRateRequest) => Promise<boolean>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<number | null>(result.human.rating);
  const [bestFor, setBestFor] = useState(result.human.bestFor ?? '');
  const [issues, setIssues] = useState(result.human.issues ?? '');
  const [notes, setNotes] = useState(result.human.notes ?? '');
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (await onSave({ id: result.id, rating, bestFor: bestFor || null, issues: issues || null, notes: notes || null }))
      onClose();
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="grid" style={{ gap: 8 }} data-testid="bench-rate-form">
      <div className="row" role="radiogroup" aria-label={t('bench.rating')}>
        <span className="small muted">{t('bench.rating')}</span>
        {[1, 2, 3, 4, 5].map((n) => (
          <button
            key={n}
            type="button"
            className="icon ghost"
            role="radio"
            aria-checked={rating === n}
            aria-label={t('bench.stars', { n })}
            onClick={() => setRating(rating === n ? null : n)}
          >
            <span className="stars">{rating !== null && n <= rating ? '★' : '☆'}</span>
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('bench.bestFor')}</span>
        <input value={bestFor} onChange={(e) => setBestFor(e.target.value)} maxLength={500} />
      </label>
      <label className="field">
        <span>{t('bench.issues')}</span>
        <textarea value={issues} onChange={(e) => setIssues(e.target.value)} rows={2} maxLength={2000} />
      </label>
      <label className="field">
        <span>{t('bench.notes')}</span>
        <textarea value={notes} onChange={(e) => setNotes(e.target.value)} rows={2} maxLength={4000} />
      </label>
      <div className="row">
        <button type="submit" className="primary" data-testid="bench-rate-save">
          {t('bench.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
