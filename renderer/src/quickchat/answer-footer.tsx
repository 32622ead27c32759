/** Under a finished answer: 👍/👎 (kept answers only) and "model · 1st token · tok/s · Wh" when known. */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatEnergyNumber } from '../../../shared/energy/format-energy';
import type { ChatTurn } from '../store/chat-slice';
import { useAppStore, useGetState } from '../store/store-context';
import { ThumbIcon } from './thumb-icon';

/** The facts line's parts, in order, leaving out what was not measured. */
export function answerFacts(
  turn: ChatTurn,
  name: string | null,
  format: { ms: Intl.NumberFormat; speed: Intl.NumberFormat; wh: { format(wh: number): string } },
  t: TFunction,
): string[] {
  const facts: string[] = [];
  // Which machine answered, when another one did (after a failover it may not be the one the reason named).
  if (name) facts.push(turn.machine ? `${name} ${t('chat.onMachine', { label: turn.machine })}` : name);
  if (typeof turn.ttftMs === 'number') facts.push(t('chat.ttft', { value: format.ms.format(turn.ttftMs) }));
  if (typeof turn.tokensPerSecond === 'number')
    facts.push(t('chat.speed', { value: format.speed.format(turn.tokensPerSecond) }));
  if (typeof turn.energyWh === 'number') facts.push(t('chat.energy', { value: format.wh.format(turn.energyWh) }));
  return facts;
}

/** The footer of the assistant turn at `index`. */
export function AnswerFooter({ turn, index }: { turn: ChatTurn; index: number }) {
  const { t, i18n } = useTranslation();
  const get = useGetState();
  const loaded = useAppStore((s) => s.models?.loaded);
  const name = turn.model
    ? (loaded?.find((m) => m.modelKey === turn.model || m.instanceId === turn.model)?.displayName ?? turn.model)
    : null;
  const format = {
    ms: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 }),
    speed: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }),
    wh: { format: (wh: number) => formatEnergyNumber(wh, i18n.language, 0) },
  };
  const facts = answerFacts(turn, name, format, t);
  const rateable = typeof turn.messageId === 'number';
  if (!rateable && facts.length === 0 && !turn.ratingError) return null;
  return (
    <div className="answer-footer" data-testid="answer-footer">
      {rateable ? (
        <span className="rating" role="group" aria-label={t('chat.rateGroup')}>
          <button
            type="button"
            className="ghost rate"
            aria-pressed={turn.rating === 1}
            aria-label={t('chat.rateUp')}
            title={t('chat.rateUp')}
            onClick={() => void get().rateAnswer(index, 1)}
          >
            <ThumbIcon />
          </button>
          <button
            type="button"
            className="ghost rate"
            aria-pressed={turn.rating === -1}
            aria-label={t('chat.rateDown')}
            title={t('chat.rateDown')}
            onClick={() => void get().rateAnswer(index, -1)}
          >
            <ThumbIcon down />
          </button>
        </span>
      ) : null}
      {facts.length > 0 ? (
        <span className="facts muted" data-testid="answer-facts">
          {facts.join(' · ')}
        </span>
      ) : null}
      {turn.fallbackFrom && name ? (
        <span className="facts muted">{t('chat.fallback', { failed: turn.fallbackFrom, model: name })}</span>
      ) : null}
      {turn.ratingError ? (
        <span className="rating-error" role="alert">
          {t('chat.rateFailed', { reason: turn.ratingError })}
        </span>
      ) : null}
    </div>
  );
}
