/**
 * The emulator's REST v1 `POST /api/v1/chat` (reference §2.4): string or message-array input, server-side
 * stats, and with `stream: true` the documented SSE events (`event: <type>` + `data: <json>`) ending in `chat.end`.
 */
import { answerTokens, countPromptTokens, DEFAULT_COMPLETION_TOKENS, emitPaced } from './chat-generation';
import { asRecord, sendJson } from './http-io';
import { resolveInstance } from './routes-chat';
import { v1Error, type RouteContext } from './routes-rest';

let responseCounter = 0;

/** The text of a v1 `input`: a string, or items `{type: "message" | "text", content}`. */
function inputText(input: unknown): string | null {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return null;
  return input
    .map((item) => asRecord(item).content)
    .filter((c): c is string => typeof c === 'string')
    .join('\n');
}

/** Handles `POST /api/v1/chat`; false for any other route (or in v0-only mode). */
export async function handleV1ChatRoute(ctx: RouteContext): Promise<boolean> {
  if (ctx.method !== 'POST' || ctx.path !== '/api/v1/chat' || ctx.v0Only) return false;
  const { res, state } = ctx;
  const body = asRecord(ctx.body);
  const text = inputText(body.input);
  if (text === null) {
    v1Error(res, 400, 'invalid_request', "'input' is required: a string or an array of input items.");
    return true;
  }
  const instance = await resolveInstance(ctx, body.model);
  if (!instance) return true;
  const prompt = [typeof body.system_prompt === 'string' ? body.system_prompt : '', text].filter(Boolean).join('\n');
  const max =
    typeof body.max_output_tokens === 'number' && body.max_output_tokens > 0
      ? Math.floor(body.max_output_tokens)
      : DEFAULT_COMPLETION_TOKENS;
  const tokens = answerTokens(prompt, max);
  const pace = {
    tokensPerSecond: state.tunables.tokensPerSecond,
    timeToFirstTokenMs: state.tunables.timeToFirstTokenMs,
  };
  const responseId = `resp_emu${++responseCounter}`;
  const started = performance.now();
  let firstAt = started;
  const stream = body.stream === true;
  const event = (type: string, data: Record<string, unknown>): void => {
    res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  };

  instance.activeRequests += 1;
  try {
    if (stream) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      event('chat.start', { model_instance_id: instance.id });
      event('prompt_processing.start', {});
      event('prompt_processing.progress', { progress: 1 });
      event('prompt_processing.end', {});
    }
    const sent = await emitPaced(
      tokens,
      pace,
      (token, index) => {
        if (index === 0) {
          firstAt = performance.now();
          if (stream) event('message.start', {});
        }
        if (stream) event('message.delta', { content: token });
        return true;
      },
      ctx.closed,
    );
    if (sent < tokens.length) return true;
    const seconds = (performance.now() - firstAt) / 1000;
    const result = {
      model_instance_id: instance.id,
      output: [{ type: 'message', content: tokens.join('') }],
      stats: {
        input_tokens: countPromptTokens(prompt),
        total_output_tokens: tokens.length,
        reasoning_output_tokens: 0,
        tokens_per_second: seconds > 0 ? (tokens.length - 1) / seconds : pace.tokensPerSecond,
        time_to_first_token_seconds: Number(((firstAt - started) / 1000).toFixed(3)),
      },
      ...(body.store === false ? {} : { response_id: responseId }),
    };
    if (stream) {
      event('message.end', {});
      event('chat.end', { result });
      res.end();
    } else {
      sendJson(res, 200, result);
    }
    return true;
  } finally {
    instance.activeRequests = Math.max(0, instance.activeRequests - 1);
    instance.lastUsedTime = Date.now();
  }
}
