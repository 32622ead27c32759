/** One assistant answer: plain text at once, Markdown as soon as its lazy chunk has loaded. */
import { lazy, Suspense } from 'react';
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
    <Suspense fallback={plain}>
      <MarkdownAnswer text={text} onOpenLink={(url) => { api.openExternal(url); }} />
      {streaming ? <span className="cursor" aria-hidden="true" /> : null}
    </Suspense>
  );
}
