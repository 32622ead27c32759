/**
 * The emulator's own routes under `/__emulator/`: state, run-time control, and the operations the fake
 * `lms` CLI performs (a real `lms` talks to LM Studio over its WebSocket API; ours uses these).
 */
import type { EmulatorState } from './emulator-state';
import { parseChatFault, type ChatFault, type Impostor } from './faults';
import { asRecord, sendJson } from './http-io';
import { sendLoadError, v1Error, type RouteContext } from './routes-rest';
import { toLsEntry, toPsEntry } from './shapes';

/** Run-time changes the control route (and the in-process `control`) accept. */
export interface EmulatorControlInput {
  tokensPerSecond?: number;
  timeToFirstTokenMs?: number;
  loadMsPerGb?: number;
  vramGb?: number;
  ramGb?: number;
  /** null turns auth off. */
  token?: string | null;
  jit?: boolean;
  /** Answer every chat with this text; null goes back to the prompt-derived answer. */
  answerText?: string | null;
  /** Send each streamed answer in one network write. */
  singleChunk?: boolean;
  /** Make the Nth load from now fail with model_load_failed (optionally with this message). */
  failNthLoad?: { n: number; message?: string };
  /** Cut the next streamed chat after this many tokens. */
  dropNextStreamAfter?: number;
  /** The next chat completion's fault (see faults.ts). */
  failNextChat?: ChatFault;
  /** Answer every route as a server that is not LM Studio; null turns it off. */
  impostor?: Impostor | null;
}

/** Applies a control input to the state (shared by the HTTP route and the in-process API). */
export function applyControl(state: EmulatorState, input: EmulatorControlInput): void {
  const t = state.tunables;
  if (typeof input.tokensPerSecond === 'number' && input.tokensPerSecond > 0) t.tokensPerSecond = input.tokensPerSecond;
  if (typeof input.timeToFirstTokenMs === 'number' && input.timeToFirstTokenMs >= 0)
    t.timeToFirstTokenMs = input.timeToFirstTokenMs;
  if (typeof input.loadMsPerGb === 'number' && input.loadMsPerGb >= 0) t.loadMsPerGb = input.loadMsPerGb;
  if (typeof input.vramGb === 'number' && input.vramGb >= 0) t.vramGb = input.vramGb;
  if (typeof input.ramGb === 'number' && input.ramGb >= 0) t.ramGb = input.ramGb;
  if (input.token === null || typeof input.token === 'string') t.token = input.token || null;
  if (typeof input.jit === 'boolean') t.jit = input.jit;
  if (input.answerText === null || typeof input.answerText === 'string') t.answerText = input.answerText || null;
  if (typeof input.singleChunk === 'boolean') t.singleChunk = input.singleChunk;
  if (input.failNthLoad && typeof input.failNthLoad.n === 'number')
    state.failNthLoad(input.failNthLoad.n, input.failNthLoad.message);
  if (typeof input.dropNextStreamAfter === 'number')
    state.dropNextStreamAfter = Math.max(0, Math.floor(input.dropNextStreamAfter));
  if (input.failNextChat !== undefined) state.nextChatFault = parseChatFault(input.failNextChat);
  if (input.impostor === null || input.impostor === 'html' || input.impostor === 'garbage')
    state.impostor = input.impostor;
}

/** A JSON snapshot of the state (what `GET /__emulator/state` answers). */
export function snapshotState(state: EmulatorState): Record<string, unknown> {
  return {
    tunables: { ...state.tunables, token: state.tunables.token === null ? null : '(set)' },
    instances: state.instances.map((i) => ({ ...i })),
    models: state.models.map((m) => m.key),
    loadAttempts: state.loadAttempts,
    usedBytes: state.usedBytes(),
    budgetBytes: state.budgetBytes(),
    calls: state.calls.slice(),
  };
}

/** `lms load --gpu` values as LM Studio parses them: "max" → 1, "off" → 0, else a ratio 0..1. */
function parseGpuRatio(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === null) return null;
  if (value === 'max') return 1;
  if (value === 'off') return 0;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : 'invalid';
}

/** Handles `/__emulator/*`; false when the path is not one of them. */
export async function handleControlRoute(ctx: RouteContext): Promise<boolean> {
  const { method, path, res, state } = ctx;
  if (!path.startsWith('/__emulator/')) return false;
  const body = asRecord(ctx.body);
  if (method === 'GET' && path === '/__emulator/state') {
    sendJson(res, 200, snapshotState(state));
  } else if (method === 'POST' && path === '/__emulator/control') {
    applyControl(state, body as EmulatorControlInput);
    sendJson(res, 200, snapshotState(state));
  } else if (method === 'GET' && path === '/__emulator/lms/ps') {
    const entries = state.instances.flatMap((i) => {
      const model = state.findModel(i.modelKey);
      return model ? [toPsEntry(model, i)] : [];
    });
    sendJson(res, 200, entries);
  } else if (method === 'GET' && path === '/__emulator/lms/ls') {
    sendJson(res, 200, state.models.map(toLsEntry));
  } else if (method === 'POST' && path === '/__emulator/lms/load') {
    const gpu = parseGpuRatio(body.gpu);
    if (typeof body.key !== 'string' || gpu === 'invalid') {
      v1Error(
        res,
        400,
        'invalid_request',
        gpu === 'invalid'
          ? `Invalid --gpu value: ${String(body.gpu)}. Use "off", "max" or a number between 0 and 1.`
          : 'A model key is required.',
      );
      return true;
    }
    try {
      const { instance, loadTimeSeconds } = await state.load({
        key: body.key,
        contextLength: typeof body.contextLength === 'number' ? body.contextLength : undefined,
        gpuOffload: gpu,
        ttlSeconds: typeof body.ttlSeconds === 'number' ? body.ttlSeconds : null,
        identifier: typeof body.identifier === 'string' ? body.identifier : undefined,
        via: 'lms',
      });
      sendJson(res, 200, {
        identifier: instance.id,
        modelKey: instance.modelKey,
        loadTimeSeconds,
        sizeBytes: state.findModel(instance.modelKey)?.sizeBytes ?? 0,
      });
    } catch (error) {
      sendLoadError(res, error);
    }
  } else if (method === 'POST' && path === '/__emulator/lms/unload') {
    if (body.all === true) {
      sendJson(res, 200, { unloaded: state.unloadAll() });
    } else if (typeof body.identifier === 'string' && state.unload(body.identifier)) {
      sendJson(res, 200, { unloaded: [body.identifier] });
    } else {
      v1Error(res, 404, 'model_not_found', `No loaded model with identifier "${String(body.identifier)}".`);
    }
  } else {
    sendJson(res, 404, { error: `No emulator route ${method} ${path}` });
  }
  return true;
}
