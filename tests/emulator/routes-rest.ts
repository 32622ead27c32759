/** The emulator's LM Studio REST routes: greeting, /lms-status, REST v1 models/load/unload, REST v0 models. */
import type { ServerResponse } from 'node:http';
import { EmulatedLoadError, type EmulatorState } from './emulator-state';
import { asRecord, sendJson } from './http-io';
import { toOpenAiModel, toV0Model, toV1Model } from './shapes';

/** Context every route handler receives. */
export interface RouteContext {
  method: string;
  path: string;
  body: unknown;
  res: ServerResponse;
  state: EmulatorState;
  version: string;
  v0Only: boolean;
  /** Fires when the client goes away (streams stop). */
  closed: AbortSignal;
}

/** A REST v1 error body (types from streaming-events: invalid_request, model_not_found, internal_error…). */
export function v1Error(res: ServerResponse, status: number, type: string, message: string, code?: string): void {
  sendJson(res, status, { error: code ? { type, message, code } : { type, message } });
}

/** Answers a load failure the way LM Studio's REST does. */
export function sendLoadError(res: ServerResponse, error: unknown): void {
  if (error instanceof EmulatedLoadError) {
    const type =
      error.code === 'model_not_found'
        ? 'model_not_found'
        : error.code === 'invalid_request'
          ? 'invalid_request'
          : 'internal_error';
    v1Error(res, error.status, type, error.message, error.code);
    return;
  }
  v1Error(res, 500, 'internal_error', String(error));
}

/** Handles greeting, status, v1 and v0 model routes; false when the route is not one of these. */
export async function handleRestRoute(ctx: RouteContext): Promise<boolean> {
  const { method, path, res, state } = ctx;
  if (method === 'GET' && path === '/lmstudio-greeting') {
    sendJson(res, 200, { lmstudio: true });
    return true;
  }
  if (method === 'GET' && path === '/lms-status' && !ctx.v0Only) {
    sendJson(res, 200, { package: 'lmstudio', version: ctx.version });
    return true;
  }
  if (method === 'GET' && path === '/v1/models') {
    const ids = state.tunables.jit ? state.models.map((m) => m.key) : state.instances.map((i) => i.id);
    sendJson(res, 200, { object: 'list', data: ids.map(toOpenAiModel) });
    return true;
  }
  if (path.startsWith('/api/v0/')) return handleV0(ctx);
  if (path.startsWith('/api/v1/') && !ctx.v0Only) return handleV1(ctx);
  return false;
}

async function handleV1(ctx: RouteContext): Promise<boolean> {
  const { method, path, res, state } = ctx;
  if (method === 'GET' && path === '/api/v1/models') {
    sendJson(res, 200, { models: state.models.map((m) => toV1Model(m, state.instances)) });
    return true;
  }
  if (method === 'POST' && path === '/api/v1/models/load') {
    const body = asRecord(ctx.body);
    if (typeof body.model !== 'string' || body.model === '') {
      v1Error(res, 400, 'invalid_request', "'model' is required: the key of the model to load.");
      return true;
    }
    try {
      const { instance, loadTimeSeconds } = await state.load({
        key: body.model,
        contextLength: typeof body.context_length === 'number' ? body.context_length : undefined,
        flashAttention: typeof body.flash_attention === 'boolean' ? body.flash_attention : undefined,
        offloadKvCacheToGpu:
          typeof body.offload_kv_cache_to_gpu === 'boolean' ? body.offload_kv_cache_to_gpu : undefined,
        evalBatchSize: typeof body.eval_batch_size === 'number' ? body.eval_batch_size : undefined,
        via: 'rest',
      });
      const model = state.findModel(instance.modelKey);
      const answer: Record<string, unknown> = {
        type: model?.type ?? 'llm',
        instance_id: instance.id,
        load_time_seconds: Number(loadTimeSeconds.toFixed(3)),
        status: 'loaded',
      };
      if (body.echo_load_config === true) {
        answer.load_config = {
          context_length: instance.contextLength,
          eval_batch_size: instance.evalBatchSize,
          flash_attention: instance.flashAttention,
          offload_kv_cache_to_gpu: instance.offloadKvCacheToGpu,
        };
      }
      sendJson(res, 200, answer);
    } catch (error) {
      sendLoadError(res, error);
    }
    return true;
  }
  if (method === 'POST' && path === '/api/v1/models/unload') {
    const id = asRecord(ctx.body).instance_id;
    if (typeof id !== 'string' || id === '') {
      v1Error(res, 400, 'invalid_request', "'instance_id' is required.");
    } else if (!state.unload(id)) {
      v1Error(res, 404, 'model_not_found', `No loaded model instance with id "${id}".`);
    } else {
      sendJson(res, 200, { instance_id: id });
    }
    return true;
  }
  return false;
}

async function handleV0(ctx: RouteContext): Promise<boolean> {
  const { method, path, res, state } = ctx;
  if (method === 'GET' && path === '/api/v0/models') {
    sendJson(res, 200, { object: 'list', data: state.models.map((m) => toV0Model(m, state.instances)) });
    return true;
  }
  if (method === 'GET' && path.startsWith('/api/v0/models/')) {
    const id = decodeURIComponent(path.slice('/api/v0/models/'.length));
    const model = state.findModel(id) ?? state.findModel(state.findInstance(id)?.modelKey ?? '');
    if (model) sendJson(res, 200, toV0Model(model, state.instances));
    else sendJson(res, 404, { error: `Model "${id}" not found.` });
    return true;
  }
  return false;
}
