/**
 * The emulator's chat routes: OpenAI `POST /v1/chat/completions` and REST v0 `POST /api/v0/chat/completions`,
 * streaming (SSE, `stream_options.include_usage`, `data: [DONE]`) and not, paced at the set tok/s.
 */
import { countPromptTokens, emitPaced, planAnswer, promptText } from './chat-generation';
import type { EmulatedInstance } from './emulator-state';
import { answerChatFault } from './faults';
import { asRecord, sendJson } from './http-io';
import { sendLoadError, type RouteContext } from './routes-rest';

let completionCounter = 0;

/** Finds (or, with JIT on, loads) the instance a chat request names; answers the error itself when none. */
export async function resolveInstance(ctx: RouteContext, model: unknown): Promise<EmulatedInstance | null> {
  const { state, res } = ctx;
  if (typeof model !== 'string' || model === '') {
    if (state.instances.length > 0) return state.instances[0] as EmulatedInstance;
    sendJson(res, 400, {
      error: {
        message: 'No models loaded. Load a model first (lms load <model>).',
        type: 'invalid_request_error',
        code: 'model_not_found',
      },
    });
    return null;
  }
  const found = state.findInstance(model);
  if (found) return found;
  if (state.tunables.jit && state.findModel(model)) {
    try {
      return (await state.load({ key: model, via: 'rest' })).instance;
    } catch (error) {
      sendLoadError(res, error);
      return null;
    }
  }
  sendJson(res, 404, {
    error: {
      message: `Model "${model}" is not loaded. Load it first (lms load ${model}).`,
      type: 'invalid_request_error',
      code: 'model_not_found',
    },
  });
  return null;
}

/** Handles both chat completion routes; false when the route is not a chat route. */
export async function handleChatRoute(ctx: RouteContext): Promise<boolean> {
  const { method, path, res, state } = ctx;
  const isOpenAi = path === '/v1/chat/completions';
  const isV0 = path === '/api/v0/chat/completions';
  if (method !== 'POST' || (!isOpenAi && !isV0)) return false;

  const body = asRecord(ctx.body);
  if (!Array.isArray(body.messages)) {
    sendJson(res, 400, {
      error: { message: "'messages' is required and must be an array.", type: 'invalid_request_error' },
    });
    return true;
  }
  const fault = state.nextChatFault;
  state.nextChatFault = null;
  if (fault && answerChatFault(fault, res)) return true;
  const instance = await resolveInstance(ctx, body.model);
  if (!instance) return true;

  const prompt = promptText(body.messages);
  const maxTokens = typeof body.max_tokens === 'number' && body.max_tokens > 0 ? Math.floor(body.max_tokens) : null;
  const { tokens, finishReason } = planAnswer(state.tunables, prompt, maxTokens);
  const usage = {
    prompt_tokens: countPromptTokens(prompt),
    completion_tokens: tokens.length,
    total_tokens: countPromptTokens(prompt) + tokens.length,
  };
  const id = `chatcmpl-emu${++completionCounter}`;
  const created = Math.floor(Date.now() / 1000);
  const pace = {
    tokensPerSecond: state.tunables.tokensPerSecond,
    timeToFirstTokenMs: state.tunables.timeToFirstTokenMs,
  };

  instance.activeRequests += 1;
  instance.lastUsedTime = Date.now();
  try {
    if (body.stream === true) {
      const includeUsage = asRecord(body.stream_options).include_usage === true;
      const dropAfter = state.dropNextStreamAfter;
      const endCleanlyAfter = fault?.kind === 'clean-eof' ? fault.afterTokens : null;
      state.dropNextStreamAfter = null;
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: instance.id, system_fingerprint: instance.id, choices, ...extra })}\n\n`;
      // Single-chunk mode: a fast server's whole answer (every token's event, the end, [DONE]) in one network write.
      let held: string | null = state.tunables.singleChunk ? '' : null;
      const send = (text: string): void => {
        if (held === null) res.write(text);
        else held += text;
      };
      const sent = await emitPaced(
        tokens,
        pace,
        (token, index) => {
          if (endCleanlyAfter !== null && index >= endCleanlyAfter) {
            // A clean end of the body halfway: no final chunk, no usage, no [DONE], connection kept.
            res.end(held ?? undefined);
            return false;
          }
          if (dropAfter !== null && index >= dropAfter) {
            // Flush what was sent, then close the connection mid-body (no final chunk, no [DONE]).
            const socket = res.socket;
            if (held) res.write(held);
            held = null;
            socket?.end();
            setTimeout(() => socket?.destroy(), 100).unref();
            return false;
          }
          send(
            chunk([
              {
                index: 0,
                delta: index === 0 ? { role: 'assistant', content: token } : { content: token },
                logprobs: null,
                finish_reason: null,
              },
            ]),
          );
          return true;
        },
        ctx.closed,
      );
      if (sent < tokens.length || res.destroyed || res.socket?.writableEnded) return true;
      send(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }]));
      if (includeUsage) send(chunk([], { usage }));
      res.end(`${held ?? ''}data: [DONE]\n\n`);
      return true;
    }

    const started = performance.now();
    let firstAt = started;
    await emitPaced(
      tokens,
      pace,
      (_t, index) => {
        if (index === 0) firstAt = performance.now();
        return true;
      },
      ctx.closed,
    );
    const ended = performance.now();
    const answer: Record<string, unknown> = {
      id,
      object: 'chat.completion',
      created,
      model: instance.id,
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: finishReason,
          message: { role: 'assistant', content: tokens.join('') },
        },
      ],
      usage,
    };
    if (isV0) {
      const model = state.findModel(instance.modelKey);
      const generationSeconds = (ended - firstAt) / 1000;
      answer.stats = {
        tokens_per_second: generationSeconds > 0 ? (tokens.length - 1) / generationSeconds : pace.tokensPerSecond,
        time_to_first_token: Number(((firstAt - started) / 1000).toFixed(3)),
        generation_time: Number(generationSeconds.toFixed(3)),
        stop_reason: finishReason === 'length' ? 'maxPredictedTokensReached' : 'eosFound',
      };
      answer.model_info = {
        arch: model?.architecture,
        quant: model?.quantization.name,
        format: model?.format,
        context_length: instance.contextLength,
      };
      answer.runtime = { name: 'llama.cpp-emulated', version: '1.0.0', supported_formats: ['gguf'] };
    }
    if (!ctx.closed.aborted) sendJson(res, 200, answer);
    return true;
  } finally {
    instance.activeRequests = Math.max(0, instance.activeRequests - 1);
    instance.lastUsedTime = Date.now();
  }
}
