/** Reads OpenAI-shaped chat messages (string or content parts) as the router's messages; never throws. */
import type { RouteMessage } from './types';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** Text and attached-image count of each message; unknown roles count as user, odd entries are skipped. */
export function routeMessagesFromOpenAi(messages: unknown): RouteMessage[] {
  if (!Array.isArray(messages)) return [];
  const out: RouteMessage[] = [];
  for (const m of messages) {
    if (!m || typeof m !== 'object') continue;
    const { role, content } = m as { role?: unknown; content?: unknown };
    const r = (
      typeof role === 'string' && ROLES.has(role) ? role : role === 'developer' ? 'system' : 'user'
    ) as RouteMessage['role'];
    if (typeof content === 'string') {
      out.push({ role: r, text: content });
      continue;
    }
    let text = '';
    let images = 0;
    if (Array.isArray(content)) {
      for (const part of content) {
        const p = part as { type?: unknown; text?: unknown } | null;
        if (p?.type === 'text' && typeof p.text === 'string') text += (text ? '\n' : '') + p.text;
        else if (p?.type === 'image_url' || p?.type === 'input_image' || p?.type === 'image') images++;
      }
    }
    out.push(images > 0 ? { role: r, text, images } : { role: r, text });
  }
  return out;
}
