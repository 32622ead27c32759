/**
 * The quick chat's streaming runner: one OpenAI-compatible streamed completion per request against
 * LM Studio, its text pushed as `chat.delta` events and its end as one `chat.done`, cancellable.
 */
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import { AppApiError, toApiError, type ChatMessage, type ChatStarted, type ContractEventSink } from '../../../shared/contract';
import type { LmStudioClient } from '../lmstudio/client-types';

/** The slice of the OpenAI client the runner uses (injectable for tests). */
export type CreateChatStream = (args: {
  baseUrl: string;
  token: string | null;
  model: string;
  messages: ChatMessage[];
  signal: AbortSignal;
}) => Promise<AsyncIterable<{ text: string; finishReason: string | null; usage: { promptTokens: number; completionTokens: number } | null }>>;

/** Stream a chat completion with the openai package. */
export const openAiChatStream: CreateChatStream = async ({ baseUrl, token, model, messages, signal }) => {
  const client = new OpenAI({ baseURL: baseUrl, apiKey: token ?? 'lm-studio', maxRetries: 0 });
  const stream = await client.chat.completions.create(
    { model, messages, stream: true, stream_options: { include_usage: true } },
    { signal },
  );
  return (async function* () {
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      yield {
        text: choice?.delta?.content ?? '',
        finishReason: choice?.finish_reason ?? null,
        usage: chunk.usage ? { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens } : null,
      };
    }
  })();
};

export interface QuickChatOptions {
  lmstudio: LmStudioClient;
  events: ContractEventSink;
  createStream?: CreateChatStream;
}

/** Runs quick chat requests; each has an id that ties its events together. */
export class QuickChat {
  private readonly running = new Map<string, AbortController>();
  private readonly createStream: CreateChatStream;

  constructor(private readonly options: QuickChatOptions) {
    this.createStream = options.createStream ?? openAiChatStream;
  }

  /** Pick the model, start streaming in the background, and return at once with the request id. */
  async send(input: { messages: ChatMessage[]; model?: string }): Promise<ChatStarted> {
    const { model, reason } = await this.pickModel(input.model);
    const requestId = randomUUID();
    const controller = new AbortController();
    this.running.set(requestId, controller);
    void this.run(requestId, model, input.messages, controller);
    return { requestId, model, reason };
  }

  /** Stop a running answer; false when it already ended. */
  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Stop every running answer (shutdown). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  private async pickModel(requested: string | undefined): Promise<{ model: string; reason: string }> {
    const loaded = await this.options.lmstudio.listLoaded().catch((error: unknown) => {
      throw new AppApiError('unavailable', error instanceof Error ? error.message : String(error));
    });
    if (requested) {
      const match = loaded.find((i) => i.instanceId === requested || i.modelKey === requested);
      if (!match) throw new AppApiError('not-found', `${requested} is not loaded in LM Studio. Pick one of the loaded models, or apply a preset that loads it.`);
      return { model: match.instanceId, reason: 'picked by you' };
    }
    const first = loaded[0];
    if (!first) throw new AppApiError('refused', 'No model is loaded in LM Studio. Apply a preset from the tray, or load a model in LM Studio, then ask again.');
    return { model: first.instanceId, reason: loaded.length === 1 ? 'the only loaded model' : 'the first loaded model; pick another one above' };
  }

  private async run(requestId: string, model: string, messages: ChatMessage[], controller: AbortController): Promise<void> {
    const { events, lmstudio } = this.options;
    let finishReason: 'stop' | 'length' | 'cancelled' | 'error' = 'stop';
    let usage: { promptTokens: number; completionTokens: number } | null = null;
    let error = null;
    try {
      const token = await lmstudio.getToken();
      const stream = await this.createStream({ baseUrl: lmstudio.getOpenAiBaseUrl(), token, model, messages, signal: controller.signal });
      for await (const part of stream) {
        if (part.text) events.emit('chat.delta', { requestId, text: part.text });
        if (part.finishReason === 'length') finishReason = 'length';
        if (part.usage) usage = part.usage;
      }
      if (controller.signal.aborted) finishReason = 'cancelled';
    } catch (caught) {
      if (controller.signal.aborted) finishReason = 'cancelled';
      else {
        finishReason = 'error';
        const message = caught instanceof Error ? caught.message : String(caught);
        error = toApiError(new AppApiError('failed', `LM Studio stopped answering with ${model}: ${message}. Check that the model is still loaded and try again.`));
      }
    } finally {
      this.running.delete(requestId);
    }
    events.emit('chat.done', { requestId, finishReason, error, usage });
  }
}
