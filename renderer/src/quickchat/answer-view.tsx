/**
 * One assistant answer: plain text at once, Markdown as soon as its lazy chunk has loaded. If the chunk
 * fails to load (a broken install, a stale dev server), the answer stays as plain text with a note.
 */
import { lazy, Suspense, type ReactElement } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { useApi } from '../store/store-context';

const loadMarkdown = () => import('./markdown-answer');
const MarkdownAnswer = lazy(loadMarkdown);

/** Start loading the Markdown chunk (on send), so it is there by the time the answer streams in. */
export function preloadMarkdown(): void {
  void loadMarkdown();
}

/** Show an answer; while the Markdown chunk loads, the text shows as plain, escaped text. */
export function AnswerView({ text, streaming }: { text: string; streaming: boolean }) {
  const api = useApi();
  const plain = <div className={`plain-answer${streaming ? ' cursor' : ''}`}>{text}</div>;
  return (
    <ErrorBoundary fallbackRender={(failure) => <PlainWithNote plain={plain} failure={failure} />}>
      <Suspense fallback={plain}>
        <MarkdownAnswer
          text={text}
          onOpenLink={(url) => {
            api.openExternal(url);
          }}
        />
        {streaming ? <span className="cursor" aria-hidden="true" /> : null}
      </Suspense>
    </ErrorBoundary>
  );
}

/** The answer as plain (escaped) text, and why it is not formatted. */
function PlainWithNote({ plain, failure }: { plain: ReactElement; failure: FallbackProps }) {
  const { t } = useTranslation();
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  return (
    <>
      {plain}
      <p className="muted" role="note" data-testid="markdown-failed">
        {t('chat.markdownFailed', { reason })}
      </p>
    </>
  );
}
