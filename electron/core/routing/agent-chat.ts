/**
 * One answer from another machine's Loadout agent, through its own contract: `chat.send` with the model
 * fixed, the text as `chat.delta` and the end as `chat.done` addressed to this connection. The agent's
 * own router honours the fixed model, and its chat service marks the model busy and costs the answer
 * in its own energy ledger, so the machine that burned the watts keeps the record (issue 18).
 * A connection that drops before the first text is `not-running` (the routed chat tries the next
 * choice); after it, `interrupted` with the text so far (kept and marked cut, never retried).
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ChatDone, ChatMessage, ContractClient } from '../../../shared/contract';
import { ChatError, type ChatErrorCode } from '../chat/chat-errors';
import type { ChatAnswer, ChatCall, ChatService } from '../chat/chat-service';
import type { FleetView } from './fleet-endpoints';

export interface AgentChatOptions {
  /** How often a streaming answer checks that the agent's connection is still there, ms (default 1000). */
  livenessMs?: number;
  now?: () => number;
  wallClock?: () => number;
}

const CHAT_ERROR_CODES = new Set<ChatErrorCode>([
  'model-not-loaded',
  'not-running',
  'interrupted',
  'unauthorized',
  'not-lmstudio',
  'cancelled',
  'failed',
]);

function textOf(content: ChatCompletionMessageParam['content']): string {
  if (typeof content === 'string') return content;
  if (!content) return '';
  return content.flatMap((p) => ('text' in p && typeof p.text === 'string' ? [p.text] : [])).join('\n');
}

/** The OpenAI-shaped messages as the contract's (text per role), and the last user message's pictures. */
export function toContractMessages(messages: ChatCompletionMessageParam[]): {
  messages: ChatMessage[];
  images: string[];
} {
  const out: ChatMessage[] = [];
  let images: string[] = [];
  for (const m of messages) {
    const role = m.role === 'developer' ? 'system' : m.role;
    if (role !== 'system' && role !== 'user' && role !== 'assistant') continue;
    out.push({ role, content: textOf(m.content) });
    if (role === 'user' && Array.isArray(m.content))
      images = m.content.flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : []));
  }
  return { messages: out, images };
}

/** Build the chat service that answers through agents (ChatCall.endpoint.agent names the machine). */
export function createAgentChat(fleet: FleetView, options: AgentChatOptions = {}): ChatService {
  const now = options.now ?? (() => performance.now());
  const wall = options.wallClock ?? Date.now;
  const livenessMs = options.livenessMs ?? 1000;

  async function chat(call: ChatCall): Promise<ChatAnswer> {
    const name = call.endpoint.agent ?? call.endpoint.label;
    const gone = (why: string, text: string): ChatError => {
      const error =
        text === ''
          ? new ChatError('not-running', `"${name}" went away before answering (${why}).`)
          : new ChatError(
              'interrupted',
              `"${name}" went away in the middle of the answer (${why}); what arrived is kept, marked as cut.`,
            );
      error.partialText = text;
      return error;
    };
    let client: ContractClient;
    try {
      client = await fleet.client(name);
    } catch (error) {
      throw gone(error instanceof Error ? error.message : String(error), '');
    }
    const startedAt = wall();
    const t0 = now();
    const { messages, images } = toContractMessages(call.messages);
    // Events may arrive before chat.send's answer names the request: keep them until it does.
    let requestId: string | null = null;
    const early: Array<{ id: string; apply: () => void }> = [];
    let text = '';
    let firstAt: number | null = null;
    let settle: ((done: ChatDone | Error) => void) | null = null;
    const ended = new Promise<ChatDone | Error>((resolve) => (settle = resolve));
    const onDelta = (p: { requestId: string; text: string }) => {
      const apply = () => {
        if (firstAt === null) firstAt = now();
        text += p.text;
        call.onDelta?.(p.text);
      };
      if (requestId === null) early.push({ id: p.requestId, apply });
      else if (p.requestId === requestId) apply();
    };
    const onDone = (d: ChatDone) => {
      if (requestId === null) early.push({ id: d.requestId, apply: () => settle?.(d) });
      else if (d.requestId === requestId) settle?.(d);
    };
    const offDelta = client.on('chat.delta', onDelta);
    const offDone = client.on('chat.done', onDone);
    const cancel = () => void (requestId && client.call('chat.cancel', { requestId }));
    call.signal?.addEventListener('abort', cancel, { once: true });
    // A closed socket answers every call at once with `unavailable`: a cheap way to notice a machine that dropped.
    const watchdog = setInterval(() => {
      void client.call('app.info', undefined).then((r) => {
        if (!r.ok && r.error.code === 'unavailable') settle?.(new Error(r.error.message));
      });
    }, livenessMs);
    try {
      const sent = await client.call('chat.send', {
        messages,
        model: call.model,
        ...(images.length ? { images } : {}),
        ...(call.maxTokens ? { maxTokens: call.maxTokens } : {}),
        keep: false,
      });
      if (!sent.ok) {
        if (sent.error.code === 'unavailable') throw gone(sent.error.message, '');
        // The agent's router refused the fixed model: it was unloaded since the catalog was read.
        const code: ChatErrorCode = sent.error.code === 'refused' ? 'model-not-loaded' : 'failed';
        throw new ChatError(code, `"${name}" did not take the question: ${sent.error.message}`, sent.error.message);
      }
      requestId = sent.result.requestId;
      for (const e of early.splice(0)) if (e.id === requestId) e.apply();
      if (call.signal?.aborted) cancel();
      const end = await ended;
      if (end instanceof Error) throw gone(end.message, text);
      if (end.finishReason === 'error') {
        const failure = end.failure?.code as ChatErrorCode | undefined;
        const code: ChatErrorCode = end.cut
          ? 'interrupted'
          : failure && CHAT_ERROR_CODES.has(failure)
            ? failure
            : 'failed';
        const error = new ChatError(
          code,
          `${end.error?.message ?? 'The answer failed'} (on "${name}")`,
          end.failure?.serverMessage ?? null,
        );
        error.partialText = text;
        throw error;
      }
      const endedAt = wall();
      const lastAt = now();
      return {
        model: end.model ?? call.modelKey ?? call.model,
        text,
        finishReason: end.finishReason,
        promptTokens: end.usage?.promptTokens ?? null,
        completionTokens: end.completionTokens ?? end.usage?.completionTokens ?? 0,
        ttftMs: end.ttftMs ?? (firstAt === null ? null : firstAt - t0),
        tokensPerSecond: end.tokensPerSecond ?? null,
        durationMs: lastAt - t0,
        startedAt,
        endedAt,
        energyWh: end.energyWh ?? null,
      };
    } finally {
      clearInterval(watchdog);
      offDelta();
      offDone();
      call.signal?.removeEventListener('abort', cancel);
    }
  }

  return { chat };
}
