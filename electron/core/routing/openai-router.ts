/**
 * The OpenAI-compatible endpoint: `GET /v1/models` (loaded models plus `auto`) and
 * `POST /v1/chat/completions`, streaming or not. `model: "auto"` is routed; any other model passes
 * through. The upstream answer is piped byte for byte (tools, response_format, reasoning all survive),
 * with the decision in `x-loadout-model` / `x-loadout-reason`. Mounted by `loadout serve`, whose gate
 * checks Host, Origin and the token (required off loopback) before any request reaches this.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { routeMessagesFromOpenAi } from '../../../shared/routing/from-openai-messages';
import type { RouteChoice, RouteDecision, TaskKind } from '../../../shared/routing/types';
import type { ChatService, InFlightMarker, RequestEnergyRecorder } from '../chat/chat-service';
import { answerThroughAgent } from './agent-openai-answer';
import type { RoutedChat } from './routed-chat';
import { LOCAL_ENDPOINT_ID, type RoutingSnapshot } from './routing-state-source';
import { stripMentionFromMessages } from './strip-mention';
import { checkUpstreamAnswer } from './upstream-answer-check';
import { headerSafe, measureUpstreamBody } from './upstream-measure';
import { postUpstream, type UpstreamCall, type UpstreamResponse } from './upstream-request';

export interface OpenAiRouterOptions {
  routedChat: Pick<RoutedChat, 'route'>;
  snapshot: (signal?: AbortSignal) => Promise<RoutingSnapshot>;
  /** Answers through other machines' Loadout agents (their own contract, not their `/v1`). */
  agentChat?: ChatService;
  inFlight?: InFlightMarker;
  energy?: RequestEnergyRecorder;
  /** How to call the chosen server (default: node:http keep-alive POST). */
  upstream?: UpstreamCall;
  /** Keep each streamed answer's measurements as routing evidence (the chat store's addSample). */
  recordSample?: (sample: {
    model: string;
    task: TaskKind;
    ttftMs: number | null;
    tokensPerSecond: number | null;
    completionTokens: number;
  }) => void;
  /** Called when LM Studio's answer says the cached view is out of date (unreachable, model not loaded). */
  onStale?: () => void;
  /** Largest request body accepted, bytes (default 32 MiB: images ride inline as base64). */
  maxBodyBytes?: number;
  /** Where a failure after the answer went out is reported (default: stderr). */
  onBackgroundError?: (message: string) => void;
}

const reportToStderr = (message: string) => void process.stderr.write(`loadout: ${message}\n`);

/** Handles `/v1/*`; resolves true when it answered, false when the path is not one of its routes. */
export type OpenAiRouter = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  type: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent) return void res.destroy();
  const body = JSON.stringify({ error: { message, type, code: type } });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

/**
 * The request body as JSON; rejects with `status` 413 over `limit` bytes, 400 when it is not JSON. Events, not an async iterator: this runs for every request.
 * Over the limit, the rest is read and dropped rather than the connection reset: a client still sending
 * would see a reset, not the 413, and OpenAI SDKs retry a reset. The server's requestTimeout bounds the drain.
 */
function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      Object.assign(
        new Error(
          `The request body is over ${formatLimit(limit)}. Send a smaller request (fewer or smaller images, a shorter history).`,
        ),
        { status: 413 },
      );
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return reject(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      try {
        resolve(JSON.parse((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)).toString('utf8')));
      } catch {
        reject(Object.assign(new Error('The request body is not JSON.'), { status: 400 }));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(
        Object.assign(new Error('The client closed the connection before sending the whole request.'), { status: 400 }),
      );
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** "32 MiB", or bytes under a mebibyte (tests use small limits). */
function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`;
}

function decisionHeaders(d: RouteDecision, c: RouteChoice): Record<string, string> {
  return {
    'x-loadout-model': headerSafe(c.modelKey),
    'x-loadout-reason': headerSafe(d.reason),
    'x-loadout-endpoint': headerSafe(c.endpointKind === 'local' ? 'local' : c.endpointId),
    // The machine that answers: another machine's name, or "local" for this one and the cloud endpoint.
    'x-loadout-machine': headerSafe(c.machine ?? 'local'),
    'x-loadout-task': d.task.kind,
  };
}

/** Build the `/v1` handler. */
export function createOpenAiRouter(options: OpenAiRouterOptions): OpenAiRouter {
  const callUpstream = options.upstream ?? postUpstream;
  const limit = options.maxBodyBytes ?? 32 * 1024 * 1024;

  async function models(res: ServerResponse): Promise<void> {
    const snap = await options.snapshot();
    const data: Array<{ id: string; object: 'model'; created: number; owned_by: string }> = [
      { id: 'auto', object: 'model', created: 0, owned_by: 'loadout (routes each request)' },
    ];
    const seen = new Set<string>(['auto']);
    for (const ep of snap.state.endpoints) {
      for (const m of ep.models) {
        const ids = ep.kind === 'cloud' ? [m.key] : m.loadedInstances.map((i) => i.instanceId);
        for (const id of ids) {
          if (seen.has(id)) continue;
          seen.add(id);
          data.push({
            id,
            object: 'model',
            created: 0,
            owned_by: ep.kind === 'local' ? 'lmstudio' : ep.kind === 'cloud' ? `cloud: ${ep.label}` : ep.label,
          });
        }
      }
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ object: 'list', data }));
  }

  async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      const parsed = await readBody(req, limit);
      if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as { messages?: unknown }).messages)) {
        return sendError(res, 400, "'messages' is required and must be an array.", 'invalid_request_error');
      }
      body = parsed as Record<string, unknown>;
    } catch (error) {
      return sendError(
        res,
        (error as { status?: number }).status ?? 400,
        (error as Error).message,
        'invalid_request_error',
      );
    }
    const aborted = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const requested = typeof body.model === 'string' && body.model.trim() !== '' ? body.model : 'auto';
    const maxTokens =
      typeof body.max_tokens === 'number'
        ? body.max_tokens
        : typeof body.max_completion_tokens === 'number'
          ? body.max_completion_tokens
          : undefined;
    const { decision, snapshot } = await options.routedChat.route(
      {
        messages: routeMessagesFromOpenAi(body.messages),
        model: requested === 'auto' ? undefined : requested,
        maxTokens,
        needsTools: Array.isArray(body.tools) && body.tools.length > 0,
      },
      aborted.signal,
    );
    if (!decision.choice) {
      return sendError(res, 503, `Loadout could not route this request: ${decision.reason}.`, 'loadout_no_route', {
        'x-loadout-reason': headerSafe(decision.reason),
      });
    }
    const auto = decision.choice.source !== 'override' && decision.choice.source !== 'prompt-mention';
    // An agent answers through its chat, which carries text only: tools and structured output stay on machines whose /v1 is piped.
    const textOnly = !(Array.isArray(body.tools) && body.tools.length > 0) && body.response_format === undefined;
    const viaAgent = (c: RouteChoice) => Boolean(snapshot.chatEndpoints.get(c.endpointId)?.agent);
    const tries = (auto ? [decision.choice, ...decision.runnersUp] : [decision.choice])
      .filter((c) => !viaAgent(c) || (textOnly && options.agentChat))
      .slice(0, auto ? 2 : 1);
    if (tries.length === 0)
      return sendError(
        res,
        503,
        `Loadout could not route this request: ${decision.choice.modelKey} runs on ${decision.choice.machine ?? 'another machine'}, whose agent answers text only (no tools or response_format through the endpoint). Ask with another model, or without tools.`,
        'loadout_no_route',
        decisionHeaders(decision, decision.choice),
      );
    for (let i = 0; i < tries.length; i++) {
      const choice = tries[i]!;
      const last = i === tries.length - 1;
      const endpoint = snapshot.chatEndpoints.get(choice.endpointId) ?? snapshot.chatEndpoints.get(LOCAL_ENDPOINT_ID)!;
      const sent: Record<string, unknown> = { ...body, model: choice.instanceId ?? choice.modelKey };
      if (decision.mention && Array.isArray(body.messages))
        sent.messages = stripMentionFromMessages(body.messages, decision.mention);
      if (endpoint.agent && options.agentChat) {
        const outcome = await answerThroughAgent(options.agentChat, res, {
          endpoint,
          model: String(sent.model),
          modelKey: choice.modelKey,
          messages: (Array.isArray(sent.messages) ? sent.messages : []) as ChatCompletionMessageParam[],
          maxTokens,
          stream: body.stream === true,
          headers: decisionHeaders(decision, choice),
          signal: aborted.signal,
        });
        if (outcome.answered || aborted.signal.aborted) return;
        options.onStale?.();
        if (!last) continue;
        return sendError(
          res,
          502,
          outcome.error.message,
          'loadout_upstream_unreachable',
          decisionHeaders(decision, choice),
        );
      }
      const end = endpoint.kind === 'local' ? options.inFlight?.begin(String(sent.model)) : undefined;
      const startedAt = Date.now();
      const t0 = performance.now();
      let upstream: UpstreamResponse;
      try {
        upstream = await callUpstream(`${endpoint.openAiBaseUrl}/chat/completions`, {
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${endpoint.apiKey ?? 'lm-studio'}` },
          body: JSON.stringify(sent),
          signal: aborted.signal,
          wholeAnswer: body.stream !== true,
        });
      } catch (error) {
        end?.();
        if (aborted.signal.aborted) return;
        options.onStale?.();
        if (!last) continue;
        return sendError(
          res,
          502,
          `Could not reach ${endpoint.label} (${(error as Error).message}). Start LM Studio and its server, or check the URL.`,
          'loadout_upstream_unreachable',
          decisionHeaders(decision, choice),
        );
      }
      if (upstream.status === 404) options.onStale?.();
      if (upstream.status === 404 && !last) {
        end?.();
        upstream.cancel();
        continue;
      }
      // A 2xx that is not a stream may be LM Studio's 200-with-error or another server's page: an error, never an answer.
      const checked = await checkUpstreamAnswer(upstream, { model: String(sent.model), endpoint: endpoint.label });
      if ('failure' in checked) {
        end?.();
        if (checked.failure.modelGone) options.onStale?.();
        if (checked.failure.modelGone && !last) continue;
        return sendError(res, 502, checked.failure.message, checked.failure.type, decisionHeaders(decision, choice));
      }
      upstream = checked.upstream;
      const t1 = performance.now();
      const headers: Record<string, string> = { ...decisionHeaders(decision, choice), 'Cache-Control': 'no-store' };
      headers['Content-Type'] = upstream.contentType ?? 'application/json';
      // A whole answer is already read: sent with its length and its headers in the same write, not chunked
      // (a client reading a chunked body pays for it: bench/crosscheck's whole-answer rows).
      if (upstream.bodyLength !== undefined) headers['Content-Length'] = String(upstream.bodyLength);
      res.writeHead(upstream.status, headers);
      if (upstream.bodyLength === undefined) res.flushHeaders();
      const measured = await measureUpstreamBody(upstream, res, aborted.signal, {
        message: `The answer from ${choice.modelKey} at ${endpoint.label} stopped halfway: its stream ended without a finish_reason or [DONE], so the text so far is incomplete. LM Studio may have unloaded the model or stopped; check its server log and ask again.`,
        type: 'loadout_stream_cut',
      });
      end?.();
      // A streamed answer cut halfway is neither evidence of the model's speed nor an answer to cost.
      const ok = upstream.status >= 200 && upstream.status < 300 && (body.stream !== true || measured.finished);
      if (ok && measured.tokensPerSecond !== null) {
        try {
          options.recordSample?.({
            model: choice.modelKey,
            task: decision.task.kind,
            ttftMs: measured.firstBytesMs === null ? null : Math.round(measured.firstBytesMs + (t1 - t0)),
            tokensPerSecond: measured.tokensPerSecond,
            completionTokens: measured.completionTokens,
          });
        } catch {
          // Evidence is a bonus; the answer has already gone out.
        }
      }
      if (ok && options.energy && endpoint.kind === 'local' && measured.completionTokens > 0) {
        // Not awaited (the answer has already gone out), so a rejection is caught here and reported, never left unhandled.
        const energy = options.energy;
        const record = {
          model: choice.modelKey,
          tokens: measured.completionTokens,
          durationMs: Math.round(performance.now() - t0),
          startedAt,
          endedAt: Date.now(),
        };
        Promise.resolve()
          .then(() => energy.recordRequest(record))
          .catch((error: unknown) => {
            (options.onBackgroundError ?? reportToStderr)(
              `The energy of an answer from ${choice.modelKey} could not be recorded (the answer was sent; this one is missing from the energy ledger): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
            );
          });
      }
      return;
    }
  }

  return async (req, res, url) => {
    const path = url.pathname.replace(/\/+$/, '');
    try {
      if (path === '/v1/models' && (req.method === 'GET' || req.method === 'HEAD')) {
        await models(res);
        return true;
      }
      if (path === '/v1/chat/completions' && req.method === 'POST') {
        await completions(req, res);
        return true;
      }
      if (path.startsWith('/v1/')) {
        sendError(
          res,
          404,
          `Loadout serves GET /v1/models and POST /v1/chat/completions; ${req.method} ${path} is not one of them.`,
          'not_found',
        );
        return true;
      }
      return false;
    } catch (error) {
      sendError(
        res,
        500,
        `Loadout failed on ${req.method} ${path}: ${error instanceof Error ? error.message : String(error)}`,
        'loadout_internal_error',
      );
      return true;
    }
  };
}
