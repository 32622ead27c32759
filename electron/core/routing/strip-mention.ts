/** Takes the `@model` mention that chose the model out of the last user message before it is sent. */

/** OpenAI-shaped messages with the mention removed from the last user message (string or text parts); other input is returned as is. */
export function stripMentionFromMessages<T>(messages: T[], mention: string | null): T[] {
  if (!mention || !Array.isArray(messages)) return messages;
  const re = new RegExp(`(^|\\s)@${mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`);
  const strip = (t: string) =>
    t
      .replace(re, '$1')
      .replace(/\s{2,}/g, ' ')
      .trim();
  const out = [...messages];
  for (let i = out.length - 1; i >= 0; i--) {
    const m = out[i] as { role?: unknown; content?: unknown } | null;
    if (!m || m.role !== 'user') continue;
    if (typeof m.content === 'string') out[i] = { ...m, content: strip(m.content) } as T;
    else if (Array.isArray(m.content)) {
      out[i] = {
        ...m,
        content: m.content.map((p: { type?: unknown; text?: unknown } | null) =>
          p?.type === 'text' && typeof p.text === 'string' ? { ...p, text: strip(p.text) } : p,
        ),
      } as T;
    }
    break;
  }
  return out;
}
