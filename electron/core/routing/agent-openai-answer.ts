/**
 * The `/v1` endpoint's answer from another machine's Loadout agent: the agent is asked through its own
 * contract (agent-chat.ts, so its busy guard and energy ledger see the answer) and its text goes out
 * in OpenAI's shapes: `chat.completion.chunk` events then `[DONE]` when streaming, one
 * `chat.completion` otherwise. Nothing is written before the first text, so a machine that drops
 * before it leaves the caller free to try the next choice.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ChatError } from '../chat/chat-errors';
import type { ChatEndpoint, ChatService } from '../chat/chat-service';

export interface AgentOpenAiRequest {
  endpoint: ChatEndpoint;
  /** The instance id or key to send as the agent's fixed model. */
  model: string;
  modelKey: string;
  messages: ChatCompletionMessageParam[];
  maxTokens?: number;
  stream: boolean;
  /** The decision's headers (x-loadout-model, -reason, -machine…). */
  headers: Record<string, string>;
  signal: AbortSignal;
}

/** How it went: answered (fully, or cut after text went out), or failed before any text (`error`: try the next choice). */
export type AgentOpenAiOutcome = { answered: true } | { answered: false; error: ChatError };

/** Answer one `/v1/chat/completions` request through an agent. */
export async function answerThroughAgent(
  agentChat: ChatService,
  res: ServerResponse,
  req: AgentOpenAiRequest,
): Promise<AgentOpenAiOutcome> {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: req.modelKey, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  let opened = false;
  const open = () => {
    if (opened) return;
    opened = true;
    res.writeHead(200, { ...req.headers, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(chunk({ role: 'assistant', content: '' }, null));
  };
  try {
    const answer = await agentChat.chat({
      endpoint: req.endpoint,
      model: req.model,
      modelKey: req.modelKey,
      messages: req.messages,
      maxTokens: req.maxTokens,
      signal: req.signal,
      onDelta: req.stream
        ? (text) => {
            open();
            res.write(chunk({ content: text }, null));
          }
        : undefined,
    });
    const finish = answer.finishReason === 'length' ? 'length' : 'stop';
    const usage = {
      prompt_tokens: answer.promptTokens ?? 0,
      completion_tokens: answer.completionTokens,
      total_tokens: (answer.promptTokens ?? 0) + answer.completionTokens,
    };
    if (req.stream) {
      open();
      res.end(`${chunk({}, finish, { usage })}data: [DONE]\n\n`);
    } else {
      res.writeHead(200, { ...req.headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: answer.model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer.text }, finish_reason: finish }],
          usage,
        }),
      );
    }
    return { answered: true };
  } catch (error) {
    const e =
      error instanceof ChatError
        ? error
        : new ChatError('failed', error instanceof Error ? error.message : String(error));
    if (!opened) return { answered: false, error: e };
    // Text already went out: say the answer was cut in the stream, as an error event, and end it.
    res.end(`data: ${JSON.stringify({ error: { message: e.message, type: 'loadout_stream_cut', code: e.code } })}\n\n`);
    return { answered: true };
  }
}
