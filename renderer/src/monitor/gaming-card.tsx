/**
 * Gaming mode in the monitor window: which game holds the GPU and since when, "Restore models now", and
 * the recent sessions as lines ("Gaming: Cyberpunk 2077, 1 h 42 min, models restored · 0.41 kWh").
 * Shown only when gaming mode is on or sessions exist; kept live by `gaming.changed`.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GAMING_OUTCOMES, type GamingSessionLine, type GamingStatus } from '../../../shared/contract/gaming';
import { gameLabel } from '../../../shared/gaming/game-name';
import { formatGamingLine, type GamingLineWords } from '../../../shared/gaming/gaming-line';
import { wordGamingNotice } from '../../../shared/gaming/gaming-notice';
import type { Translate } from '../../../shared/i18n/translate';
import { formatNumber } from '../format/format-number';
import { useApi, useAppStore } from '../store/store-context';

type T = ReturnType<typeof useTranslation>['t'];

function lineWords(t: T): GamingLineWords {
  const outcome = Object.fromEntries(
    GAMING_OUTCOMES.map((o) => [o, t(`gamingCard.outcome_${o}` as 'gamingCard.outcome_restored')]),
  ) as GamingLineWords['outcome'];
  // formatGamingLine fills the {{…}} itself: i18next passes them through unchanged.
  const keep = { game: '{{game}}', duration: '{{duration}}', outcome: '{{outcome}}', n: '{{n}}' };
  return {
    line: t('gamingCard.line', keep),
    unnamedGame: t('gamingCard.unnamedGame'),
    hours: t('gamingCard.hours', keep),
    minutes: t('gamingCard.minutes', keep),
    outcome,
  };
}

/** One session's line, with the energy in kWh when the ledger has it. */
function sessionLine(session: GamingSessionLine, t: T, language: string): string {
  const text = formatGamingLine(session, lineWords(t));
  if (session.energyWh === null) return text;
  return `${text} · ${t('gamingCard.energy', { value: formatNumber(session.energyWh / 1000, language, 2) })}`;
}

function stateLine(status: GamingStatus, t: T, language: string): string {
  const time = (iso: string | null) =>
    iso ? new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(new Date(iso)) : '—';
  const game = gameLabel(status.games[0] ?? '', t('gamingCard.unnamedGame'));
  switch (status.phase) {
    case 'holding':
      return t('gamingCard.holding', { game, time: time(status.since) });
    case 'unloading':
      return t('gamingCard.unloading', { game, time: time(status.since) });
    case 'asking':
      return t('gamingCard.asking', { game });
    case 'grace':
      return t('gamingCard.grace', { time: time(status.restoreAt) });
    case 'restoring':
      return t('gamingCard.restoring');
    case 'watching':
      return t('gamingCard.watching');
    case 'off':
      return t('gamingCard.off');
  }
}

/** The gaming card (nothing when gaming mode is off and no session was ever kept, or the core has no gaming mode). */
export function GamingCard() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const connection = useAppStore((s) => s.connection);
  const [status, setStatus] = useState<GamingStatus | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const off = api.on('gaming.changed', setStatus);
    if (connection === 'open')
      void api.call('gaming.status', {}).then((r) => {
        if (r.ok) setStatus(r.result);
      });
    return off;
  }, [api, connection]);

  if (!status || (!status.enabled && status.sessions.length === 0)) return null;

  const restore = async () => {
    setRestoring(true);
    setProblem(null);
    const r = await api.call('gaming.restore', {});
    setRestoring(false);
    if (!r.ok) return setProblem(t('gamingCard.restoreCallFailed', { detail: r.error.message }));
    setStatus(r.result.status);
    // The switch's own reason from the notice: the result's message is the core's whole English sentence. A
    // refusal without one is the mode busy moving the models (restoreNow), said in the window's language.
    const notice = r.result.status.notice;
    if (notice?.kind === 'restore-failed' && r.result.result !== 'ok' && r.result.result !== 'nothing')
      setProblem(t('gamingCard.restoreFailed', { message: notice.detail }));
    else if (r.result.result === 'refused') setProblem(t('gamingCard.restoreBusy'));
    else if (r.result.result === 'failed')
      setProblem(t('gamingCard.restoreFailed', { message: r.result.message ?? '' }));
  };

  const language = i18n.language;
  return (
    <section className="card" aria-labelledby="gaming-card-title" data-testid="gaming-card">
      <h2 id="gaming-card-title">{t('gamingCard.title')}</h2>
      <p role="status">{stateLine(status, t, language)}</p>
      {status.message ? (
        <p className="muted small" data-testid="gaming-message">
          {status.notice ? wordGamingNotice(status.notice, t as unknown as Translate) : status.message}
        </p>
      ) : null}
      {status.canRestore ? (
        <div className="row">
          <button className="primary" disabled={restoring} onClick={() => void restore()}>
            {t('gamingCard.restoreNow')}
          </button>
        </div>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
      {status.sessions.length > 0 ? (
        <>
          <h3>{t('gamingCard.recent')}</h3>
          <ul className="list" data-testid="gaming-sessions">
            {status.sessions.map((s) => (
              <li key={`${s.startedAt}-${s.game}`}>{sessionLine(s, t, language)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
