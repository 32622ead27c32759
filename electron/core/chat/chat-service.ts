/**
 * The chat service: one streamed answer from an OpenAI-compatible endpoint (LM Studio's `/v1`, another
 * machine's, or a cloud one) through the official `openai` package, measured (time to first token,
 * tok/s), cancellable, marked in flight while it streams, and costed through the energy ledger.
 */
import OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { ResponseFormatJSONSchema } from 'openai/resources/shared';
import { ChatError, notAnAnswerError, streamEndedEarlyError, toChatError } from './chat-errors';

/** Where to send a chat: an OpenAI-compatible base URL (ending in /v1) and its key. */
export interface ChatEndpoint {
  id: string;
  label: string;
  kind: 'local' | 'remote' | 'cloud';
  /** e.g. http://127.0.0.1:1234/v1 */
  openAiBaseUrl: string;
  /** LM Studio token, cloud key, or null (LM Studio without auth accepts any key). */
  apiKey: string | null;
  /** For an LM Studio endpoint: its URL and where it came from, as "not running" names it. */
  where?: string;
  /** Another machine's Loadout agent: answered through its own contract (`chat.send`), not its `/v1`. */
  agent?: string;
}

export interface ChatCall {
  endpoint: ChatEndpoint;
  /** What to send as `model`: an instance id or a model key. */
  model: string;
  /** The catalog key, for the energy ledger and the in-flight count; default `model`. */
  modelKey?: string;
  messages: ChatCompletionMessageParam[];
  maxTokens?: number;
  temperature?: number;
  /** LM Studio's structured output: the answer is constrained to this JSON Schema (`ask` with json_schema). */
  responseFormat?: ResponseFormatJSONSchema;
  signal?: AbortSignal;
  /** Each piece of text as it streams. */
  onDelta?: (text: string) => void;
}

export interface ChatAnswer {
  /** The model as the server named it in the answer (falls back to the one asked for). */
  model: string;
  text: string;
  /** "stop", "length", … or "cancelled" when the caller aborted (the partial text is kept). */
  finishReason: string;
  promptTokens: number | null;
  completionTokens: number;
  /** Request sent → first text, ms. */
  ttftMs: number | null;
  /** Generation speed after the first token. */
  tokensPerSecond: number | null;
  durationMs: number;
  /** Unix ms. */
  startedAt: number;
  endedAt: number;
  /** GPU energy of this answer from the ledger (local endpoints only); null when not measured. */
  energyWh: number | null;
}

/** Loadout's in-flight count (presets' InFlightRegistry): a switch never unloads a model mid-answer. */
export interface InFlightMarker {
  begin(model: string): () => void;
}

/**
 * The energy tracker's per-request attribution. It may settle later (the GPU reading after the answer
 * has not landed yet): a promise resolves when it does, within the tracker's timeout, and never rejects.
 */
export interface RequestEnergyRecorder {
  recordRequest(input: {
    model: string;
    tokens: number;
    durationMs: number;
    startedAt: number;
    endedAt: number;
  }): { energyJ: number | null } | Promise<{ energyJ: number | null }>;
}

export interface ChatServiceOptions {
  inFlight?: InFlightMarker;
  energy?: RequestEnergyRecorder;
  fetch?: typeof fetch;
  /** Monotonic ms (durations); default performance.now. */
  now?: () => number;
  /** Wall clock ms; default Date.now. */
  wallClock?: () => number;
  /** Request timeout, ms (default 10 min: long answers on slow models). */
  timeoutMs?: number;
  /**
   * How long the answer waits for its energy (the GPU reading after it; about one sampling period),
   * ms, default 2500. Past that the answer comes without it (energyWh null); the ledger still records it.
   */
  energyWaitMs?: number;
}

export interface ChatService {
  /** Stream one answer; resolves with the measured answer, rejects with ChatError only. */
  chat(call: ChatCall): Promise<ChatAnswer>;
}

/** tok/s from the tokens after the first and the time they took; null when too few to measure. */
export function measureTokensPerSecond(
  completionTokens: number,
  firstAtMs: number | null,
  lastAtMs: number | null,
): number | null {
  if (firstAtMs === null || lastAtMs === null || completionTokens < 2 || lastAtMs <= firstAtMs) return null;
  return (completionTokens - 1) / ((lastAtMs - firstAtMs) / 1000);
}

/** The value, or null when it takes longer than `ms`. */
async function withinMs<T>(value: T | Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([Promise.resolve(value), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Build the chat service. One `openai` client per endpoint and key, reused. */
export function createChatService(options: ChatServiceOptions = {}): ChatService {
  const now = options.now ?? (() => performance.now());
  const wall = options.wallClock ?? Date.now;
  const clients = new Map<string, OpenAI>();
  const clientFor = (ep: ChatEndpoint): OpenAI => {
    const id = `${ep.openAiBaseUrl}\u0000${ep.apiKey ?? ''}`;
    let c = clients.get(id);
    if (!c) {
      c = new OpenAI({
        baseURL: ep.openAiBaseUrl,
        apiKey: ep.apiKey ?? 'lm-studio',
        maxRetries: 0,
        timeout: options.timeoutMs ?? 600_000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      clients.set(id, c);
    }
    return c;
  };

  async function chat(call: ChatCall): Promise<ChatAnswer> {
    const modelKey = call.modelKey ?? call.model;
    const end = call.endpoint.kind === 'local' ? options.inFlight?.begin(call.model) : undefined;
    const startedAt = wall();
    const t0 = now();
    let firstAt: number | null = null;
    let lastAt: number | null = null;
    let text = '';
    let deltas = 0;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | null = null;
    let finishReason: string | null = null;
    let served = call.model;
    let outcome: string;
    const ctx = {
      model: call.model,
      endpoint: call.endpoint.label,
      where: call.endpoint.where,
      started: false,
      aborted: false,
    };
    try {
      const { data: stream, response } = await clientFor(call.endpoint)
        .chat.completions.create(
          {
            model: call.model,
            messages: call.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(call.maxTokens ? { max_tokens: call.maxTokens } : {}),
            ...(call.temperature !== undefined ? { temperature: call.temperature } : {}),
            ...(call.responseFormat ? { response_format: call.responseFormat } : {}),
          },
          { signal: call.signal },
        )
        .withResponse();
      // LM Studio answers some failures with HTTP 200 and a JSON error body, and a server that is not LM
      // Studio answers with a page: neither is a stream, and the SDK would read either as an empty answer.
      if (!/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? ''))
        throw await notAnAnswerError(response, ctx);
      for await (const chunk of stream) {
        if (chunk.model) served = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const piece = choice.delta?.content ?? '';
        if (piece) {
          const at = now();
          if (firstAt === null) firstAt = at;
          lastAt = at;
          deltas++;
          text += piece;
          ctx.started = true;
          call.onDelta?.(piece);
        }
      }
      // The openai stream ends quietly on abort rather than throwing.
      if (call.signal?.aborted) outcome = 'cancelled';
      // A stream that ends without saying why (no finish_reason, hence no [DONE] after it) stopped halfway.
      else if (finishReason === null) throw streamEndedEarlyError(ctx);
      else outcome = finishReason;
    } catch (error) {
      ctx.aborted = call.signal?.aborted === true;
      const failure = toChatError(error, ctx);
      if (failure.code !== 'cancelled') {
        end?.();
        failure.partialText = text;
        throw failure;
      }
      outcome = 'cancelled';
    }
    end?.();
    const t1 = now();
    const endedAt = wall();
    const completionTokens = usage?.completion_tokens ?? deltas;
    let energyWh: number | null = null;
    if (options.energy && call.endpoint.kind === 'local') {
      try {
        // Waits for the GPU reading after the answer (about one sampling period) so short answers are measured too.
        const rec = await withinMs(
          options.energy.recordRequest({
            model: modelKey,
            tokens: completionTokens,
            durationMs: Math.round(t1 - t0),
            startedAt,
            endedAt: Math.max(endedAt, startedAt),
          }),
          options.energyWaitMs ?? 2500,
        );
        energyWh = rec === null || rec.energyJ === null ? null : rec.energyJ / 3600;
      } catch {
        energyWh = null; // The ledger reports its own failures; an answer is never lost over its cost.
      }
    }
    return {
      model: served,
      text,
      finishReason: outcome,
      promptTokens: usage?.prompt_tokens ?? null,
      completionTokens,
      ttftMs: firstAt === null ? null : Math.round((firstAt - t0) * 10) / 10,
      tokensPerSecond: measureTokensPerSecond(deltas, firstAt, lastAt),
      durationMs: Math.round(t1 - t0),
      startedAt,
      endedAt,
      energyWh,
    };
  }

  return { chat };
}

export { ChatError };
