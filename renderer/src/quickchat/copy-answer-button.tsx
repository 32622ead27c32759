/**
 * The quick chat's Copy: puts the last answer's Markdown source (not the rendered HTML) on the
 * clipboard, says "Copied" where a screen reader hears it, and says why when the clipboard refuses.
 * An answer still streaming is not copied (half an answer would land on the clipboard).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** How long "Copied" stays on the button (ms). */
const COPIED_MS = 1500;

/** The refusal's own words (a DOMException is not always an Error), without a closing period. */
function reasonOf(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return (message || 'the clipboard refused').replace(/\.$/, '');
}

/** What the last click did, for the text it copied (a new answer has no outcome yet). */
interface CopyOutcome {
  text: string;
  copied: boolean;
  error: string | null;
}

/** The Copy button for `text` (the answer's Markdown); disabled while there is none or it is still streaming. */
export function CopyAnswerButton({ text, streaming }: { text: string | null; streaming: boolean }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  // A new answer replaces the old outcome by comparison, not by an effect: an effect that set state on
  // every streamed delta re-rendered per delta and, in a burst, tripped React's update-depth limit (#185).
  const current = outcome !== null && outcome.text === text ? outcome : null;
  const copied = current?.copied ?? false;
  const error = current?.error ?? null;

  const copy = async () => {
    if (!text || streaming) return;
    try {
      await navigator.clipboard.writeText(text);
      setOutcome({ text, copied: true, error: null });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setOutcome((o) => (o ? { ...o, copied: false } : o)), COPIED_MS);
    } catch (e) {
      setOutcome({ text, copied: false, error: reasonOf(e) });
    }
  };
  return (
    <>
      <button className="ghost" onClick={() => void copy()} disabled={!text || streaming} title={t('chat.copy')}>
        {copied ? t('chat.copied') : t('chat.copy')}
      </button>
      <span className="sr-only" role="status" aria-live="polite" data-testid="copy-status">
        {copied ? t('chat.copied') : ''}
      </span>
      {error !== null ? (
        <span
          className="copy-error small"
          role="alert"
          data-testid="copy-error"
          title={t('chat.copyFailed', { reason: error })}
        >
          {t('chat.copyFailed', { reason: error })}
        </span>
      ) : null}
    </>
  );
}
