/**
 * An answer rendered as Markdown, loaded lazily (with highlighting) so the quick chat opens fast.
 * Safety: raw HTML in model output stays text (no rehype-raw), URLs other than http(s) are dropped,
 * images are never fetched (shown as links), and links open through the API, never by navigation.
 */
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import { isSafeExternalUrl } from '../api/api-client';

/** Keep http(s) URLs (and in-page anchors); drop everything else (javascript:, data:, file:). */
export function safeUrlTransform(url: string): string {
  if (url.startsWith('#')) return url;
  return isSafeExternalUrl(url) ? url : '';
}

export interface MarkdownAnswerProps {
  text: string;
  /** Open an http(s) link through the API; returns false when refused. */
  onOpenLink: (url: string) => void;
}

/** Render model output as safe Markdown. */
export default function MarkdownAnswer({ text, onOpenLink }: MarkdownAnswerProps) {
  const components: Components = {
    a: ({ href, children }) => (
      <a
        href={href || undefined}
        rel="noreferrer noopener"
        onClick={(e) => {
          e.preventDefault();
          if (href) onOpenLink(href);
        }}
      >
        {children}
      </a>
    ),
    img: ({ src, alt }) =>
      typeof src === 'string' && src ? (
        <a
          href={src}
          rel="noreferrer noopener"
          onClick={(e) => {
            e.preventDefault();
            onOpenLink(src);
          }}
        >
          {alt || src}
        </a>
      ) : (
        <span>{alt}</span>
      ),
  };
  return (
    <div className="md">
      <ReactMarkdown
        urlTransform={safeUrlTransform}
        rehypePlugins={[[rehypeHighlight, { detect: false, ignoreMissing: true }]]}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
}
