/**
 * `loadout chat "…"` through the running Loadout: `chat.send` over its app API with the CLI's per-call
 * options, the answer from its `chat.delta` events (addressed to this connection only) and its end from
 * `chat.done`, printed exactly as the in-process path prints them (same words, JSON line and exit codes).
 */
import type { ChatDone, ChatStarted, MethodInput } from '../../../shared/contract';
import type { AttachedCore } from '../../core/attach/attach-client';
import { MAX_FRAME_BYTES } from '../../core/http/ws-api';
import { chatSummary, failureSummary, noRouteSummary, printChatSummary } from '../chat-output';
import type { CliIo } from '../command';

/** Whether the request fits in one WebSocket frame of the app API (large pictures may not). */
export function fitsOneFrame(input: MethodInput<'chat.send'>): boolean {
  // The frame wraps the input with an id and the method name: leave room for them.
  return Buffer.byteLength(JSON.stringify(input)) < MAX_FRAME_BYTES - 1024;
}

/** Ask the running Loadout; resolves to the exit code. Ctrl+C cancels the answer there. */
export async function chatThrough(
  attached: AttachedCore,
  io: CliIo,
  input: MethodInput<'chat.send'>,
  { json }: { json?: boolean },
): Promise<number> {
  const { client, announce } = attached;
  const say = (m: string) => io.stderr.write(`loadout chat: ${m}\n`);
  // One question per connection, so every chat event on it is this answer's.
  let streamed = false;
  const offDelta = client.on('chat.delta', ({ text }) => {
    streamed = true;
    io.stdout.write(text);
  });
  let ended: (done: ChatDone | null) => void = () => {};
  const end = new Promise<ChatDone | null>((resolve) => (ended = resolve));
  const offDone = client.on('chat.done', (done) => ended(done));
  void attached.closed.then(() => ended(null));
  let requestId: string | null = null;
  const cancel = () => void (requestId && client.call('chat.cancel', { requestId }));
  io.signal.addEventListener('abort', cancel, { once: true });
  try {
    const sent = await client.call('chat.send', input);
    if (!sent.ok) {
      if (sent.error.code === 'refused') return noRoute(io, json, sent.error.message);
      if (json)
        io.stdout.write(
          `${JSON.stringify(failureSummary(null, { code: sent.error.code, message: sent.error.message, serverMessage: null }, false))}\n`,
        );
      say(sent.error.message);
      return 1;
    }
    const started: ChatStarted = sent.result;
    requestId = started.requestId;
    if (io.signal.aborted) cancel();
    if (started.explanation) io.stderr.write(started.explanation);
    else if (!json) io.stderr.write(`→ ${started.reason}\n`);
    const done = await end;
    if (!done) {
      if (streamed) io.stdout.write('\n');
      const message = `The running Loadout (pid ${announce.pid}) closed the connection before the answer ended; it may have quit. Ask again.`;
      if (json)
        io.stdout.write(
          `${JSON.stringify(failureSummary(started, { code: 'unavailable', message, serverMessage: null }, streamed))}\n`,
        );
      say(message);
      return 1;
    }
    if (streamed) io.stdout.write('\n');
    if (done.error || (done.finishReason === 'cancelled' && !done.model)) {
      const error = done.error ?? { code: 'cancelled', message: 'Cancelled.' };
      if (json) {
        const failure = {
          code: done.failure?.code ?? error.code,
          message: error.message,
          serverMessage: done.failure?.serverMessage ?? null,
        };
        io.stdout.write(`${JSON.stringify(failureSummary(started, failure, streamed, done.messageId))}\n`);
      }
      say(error.message);
      return 1;
    }
    const model = done.model ?? started.model;
    if (done.fallbackFrom)
      say(`${done.fallbackFrom} failed (${done.fallbackError ?? 'no answer'}); ${model} answered instead.`);
    const summary = chatSummary({
      model,
      reason: started.reason,
      ttftMs: done.ttftMs ?? null,
      tokensPerSecond: done.tokensPerSecond ?? null,
      energyWh: done.energyWh ?? null,
      endpoint: done.endpoint ?? 'local',
      machine: done.machine ?? null,
      finishReason: done.finishReason,
      completionTokens: done.completionTokens ?? done.usage?.completionTokens ?? 0,
      fallbackFrom: done.fallbackFrom,
      messageId: done.messageId,
    });
    return printChatSummary(io, json, summary);
  } finally {
    offDelta();
    offDone();
    io.signal.removeEventListener('abort', cancel);
  }
}

/** No model can take the question: the router's reason, after the scores when `--explain` asked for them. */
function noRoute(io: CliIo, json: boolean | undefined, message: string): number {
  // With --explain the scores come first, one block ending in a newline; the reason is the last line.
  const at = message.lastIndexOf('\n');
  const reason = message.slice(at + 1);
  if (at >= 0) io.stderr.write(message.slice(0, at + 1));
  if (json) io.stdout.write(`${JSON.stringify(noRouteSummary(reason))}\n`);
  io.stderr.write(`loadout chat: ${reason}\n`);
  return 1;
}
