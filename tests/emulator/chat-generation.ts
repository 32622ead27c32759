/**
 * The emulator's chat generation: a deterministic answer derived from the prompt, paced at a set
 * tokens-per-second after a set time to first token, so clients' measurements can be checked.
 */

/** Tokens generated when the request sets no max_tokens. */
export const DEFAULT_COMPLETION_TOKENS = 64;

/** The text of every message's content, joined (string or OpenAI content parts). */
export function promptText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  const parts: string[] = [];
  for (const message of messages) {
    const content = (message as { content?: unknown } | null)?.content;
    if (typeof content === 'string') parts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        const text = (part as { text?: unknown } | null)?.text;
        if (typeof text === 'string') parts.push(text);
      }
    }
  }
  return parts.join('\n');
}

/** Rough prompt token count, as a tokenizer would give for English (~4 characters per token). */
export function countPromptTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** FNV-1a: a stable seed from the prompt. */
function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const FILLER = ['local', 'model', 'answer', 'tokens', 'context', 'memory', 'offload', 'preset', 'switch', 'ready'];

/**
 * The answer for a prompt, as `count` tokens (each one word with its leading space). The same prompt
 * always gives the same tokens; it starts with "Emulated answer about" and the prompt's own words.
 */
export function answerTokens(prompt: string, count: number): string[] {
  const words = prompt.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const seed = hashText(prompt);
  const tokens: string[] = [];
  const lead = ['Emulated', ' answer', ' about'];
  for (let i = 0; i < count; i++) {
    if (i < lead.length) {
      tokens.push(lead[i] as string);
      continue;
    }
    const k = i - lead.length;
    const word = k < words.length ? words[k] : FILLER[(seed + k) % FILLER.length];
    tokens.push(` ${word}`);
  }
  return tokens;
}

/** Split a scripted answer into tokens (each a word with its leading whitespace); joined, they give the text back. */
export function splitAnswerText(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** The tokens of the next answer and how it ends: the scripted text (cut at `maxTokens`) or the prompt-derived words. */
export function planAnswer(
  tunables: { answerText?: string | null },
  prompt: string,
  maxTokens: number | null,
): { tokens: string[]; finishReason: 'stop' | 'length' } {
  if (!tunables.answerText) {
    return {
      tokens: answerTokens(prompt, maxTokens ?? DEFAULT_COMPLETION_TOKENS),
      finishReason: maxTokens !== null ? 'length' : 'stop',
    };
  }
  const all = splitAnswerText(tunables.answerText);
  const cut = maxTokens !== null && all.length > maxTokens;
  return { tokens: cut ? all.slice(0, maxTokens) : all, finishReason: cut ? 'length' : 'stop' };
}

/** Sleep until an absolute time (ms on the given clock); resolves early if aborted. */
export function sleepUntil(target: number, now: () => number, signal?: AbortSignal): Promise<void> {
  const delay = target - now();
  if (delay <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, delay);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Emits tokens on an absolute schedule: token i at start + ttft + i/tps. A late timer never shifts the
 * later tokens, so the measured rate stays at `tokensPerSecond`.
 */
export async function emitPaced(
  tokens: readonly string[],
  pace: { tokensPerSecond: number; timeToFirstTokenMs: number },
  emit: (token: string, index: number) => boolean,
  signal: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<number> {
  const start = now();
  const interval = pace.tokensPerSecond > 0 ? 1000 / pace.tokensPerSecond : 0;
  let sent = 0;
  for (let i = 0; i < tokens.length; i++) {
    await sleepUntil(start + pace.timeToFirstTokenMs + i * interval, now, signal);
    if (signal.aborted) break;
    if (!emit(tokens[i] as string, i)) break;
    sent++;
  }
  return sent;
}
