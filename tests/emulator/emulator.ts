/**
 * An LM Studio emulator: an HTTP server speaking the documented REST v1, REST v0 and OpenAI-compatible
 * shapes (../shared/reference/lmstudio-api.md) over real state. Tests, the demo and the CLI black-box
 * runs use it in place of LM Studio. Start it with `createLmStudioEmulator()` or `npm run emulator`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CATALOG, type EmulatedModel } from './catalog';
import { EmulatorState, type EmulatorTunables } from './emulator-state';
import { answerAsImpostor, type ChatFault } from './faults';
import { readJsonBody, sendJson } from './http-io';
import { handleChatRoute } from './routes-chat';
import { handleV1ChatRoute } from './routes-chat-v1';
import { applyControl, handleControlRoute, snapshotState, type EmulatorControlInput } from './routes-control';
import { handleRestRoute, type RouteContext } from './routes-rest';
import { unauthorizedBody, unexpectedEndpoint } from './wording';

export interface LmStudioEmulatorOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Emulate LM Studio 0.3.x: no /api/v1, no auth, no /lms-status. */
  v0Only?: boolean;
  /** Require this API token (Bearer) on /api/* and /v1/*; default none. Ignored in v0-only mode (0.3.x has no auth). */
  token?: string | null;
  /** Guardrail budget: VRAM + RAM in GB. Defaults 24 and 96 (the reference machine). */
  vramGb?: number;
  ramGb?: number;
  /** Chat generation speed (default 50 tok/s) and time to first token (default 20 ms). */
  tokensPerSecond?: number;
  timeToFirstTokenMs?: number;
  /** Load delay per GB of model size (default 5 ms: fast for tests; the CLI default is 250). */
  loadMsPerGb?: number;
  /** JIT loading (chat loads a model that is not loaded; /v1/models lists all downloaded). Default false. */
  jit?: boolean;
  /** Answer every chat with this text (e.g. Markdown) instead of the prompt-derived words. */
  answerText?: string | null;
  /** Send each streamed answer (an event per token) in one network write instead of a write per token. Default false. */
  singleChunk?: boolean;
  /** The downloaded models; default the reference user's catalog. */
  catalog?: readonly EmulatedModel[];
  /** Reported by /lms-status; default "0.4.4+1" (v1) or "0.3.31" (v0-only). */
  version?: string;
  /** Instances loaded at start. */
  preload?: Array<{ key: string; contextLength?: number; identifier?: string }>;
}

/** Run-time control of a running emulator (the same operations as `POST /__emulator/control`). */
export interface LmStudioEmulatorControl {
  set(input: EmulatorControlInput): void;
  /** Make the Nth load from now fail with model_load_failed. */
  failNthLoad(n: number, message?: string): void;
  /** Cut the next streamed chat after this many tokens. */
  dropNextStreamAfter(tokens: number): void;
  /** Make the next chat completion fail this way (see faults.ts). */
  failNextChat(fault: ChatFault): void;
  /** The state as `GET /__emulator/state` shows it. */
  snapshot(): Record<string, unknown>;
  /** Forget the recorded calls. */
  clearCalls(): void;
}

export interface LmStudioEmulator {
  /** e.g. http://127.0.0.1:53211 (no trailing slash). */
  url: string;
  port: number;
  state: EmulatorState;
  control: LmStudioEmulatorControl;
  close(): Promise<void>;
}

/** Paths that require the token when auth is on. */
function needsAuth(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/v1/');
}

/** Start an emulator; resolves once it listens. */
export async function createLmStudioEmulator(options: LmStudioEmulatorOptions = {}): Promise<LmStudioEmulator> {
  const v0Only = options.v0Only ?? false;
  const tunables: EmulatorTunables = {
    tokensPerSecond: options.tokensPerSecond ?? 50,
    timeToFirstTokenMs: options.timeToFirstTokenMs ?? 20,
    loadMsPerGb: options.loadMsPerGb ?? 5,
    vramGb: options.vramGb ?? 24,
    ramGb: options.ramGb ?? 96,
    token: options.token ?? null,
    jit: options.jit ?? false,
    answerText: options.answerText ?? null,
    singleChunk: options.singleChunk ?? false,
  };
  const state = new EmulatorState(options.catalog ?? DEFAULT_CATALOG, tunables);
  const version = options.version ?? (v0Only ? '0.3.31' : '0.4.4+1');
  const savedDelay = tunables.loadMsPerGb;
  tunables.loadMsPerGb = 0;
  for (const load of options.preload ?? []) await state.load({ ...load, via: 'rest' });
  tunables.loadMsPerGb = savedDelay;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    if (path !== '/__emulator/state' && path !== '/__emulator/control')
      state.calls.push({ method, path, at: Date.now() });
    state.expireIdle();
    if (state.impostor && !path.startsWith('/__emulator/')) return answerAsImpostor(state.impostor, res);
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readJsonBody(req);
    const token = tunables.token;
    if (token !== null && !v0Only && needsAuth(path)) {
      const header = req.headers.authorization ?? '';
      const sent = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
      if (sent !== token) {
        sendJson(res, 401, unauthorizedBody(sent !== undefined));
        return;
      }
    }
    const closed = new AbortController();
    res.on('close', () => closed.abort());
    const ctx: RouteContext = { method, path, body, res, state, version, v0Only, closed: closed.signal };
    if (await handleControlRoute(ctx)) return;
    if (await handleChatRoute(ctx)) return;
    if (await handleV1ChatRoute(ctx)) return;
    if (await handleRestRoute(ctx)) return;
    // LM Studio's quirk: unknown routes answer 200 with an error body (bug-tracker #618, #1323).
    sendJson(res, 200, unexpectedEndpoint(method, path));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { type: 'internal_error', message: String(error) } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    state,
    control: {
      set: (input) => applyControl(state, input),
      failNthLoad: (n, message) => state.failNthLoad(n, message),
      dropNextStreamAfter: (tokens) => applyControl(state, { dropNextStreamAfter: tokens }),
      failNextChat: (fault) => applyControl(state, { failNextChat: fault }),
      snapshot: () => snapshotState(state),
      clearCalls: () => {
        state.calls.length = 0;
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
