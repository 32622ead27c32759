/**
 * Finds LM Studio and its API level. The level is read from the response BODY: LM Studio answers unknown
 * routes with HTTP 200 + {"error": …} (bug-tracker #618, #1323), so a 200 alone proves nothing.
 */
import type { ApiLevel } from '../../../shared/lmstudio/types';
import { isLmStudioError, type LmStudioDetection } from './client-types';
import { requestJson, type HttpJsonDeps, type JsonAnswer } from './http-json';
import { GreetingSchema, LmsStatusSchema, V0ModelsProbeSchema, V1ModelsProbeSchema } from './schemas/server-bodies';

export interface DetectOptions {
  timeoutMs: number;
  retries: number;
  signal?: AbortSignal;
}

/** GET that returns null instead of throwing for anything but abort / not-running. */
async function probe(deps: HttpJsonDeps, path: string, options: DetectOptions): Promise<JsonAnswer | null> {
  try {
    return await requestJson(deps, {
      method: 'GET',
      path,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      signal: options.signal,
      throwOnUnauthorized: false,
    });
  } catch (error) {
    if (isLmStudioError(error, 'aborted') || isLmStudioError(error, 'not-running')) throw error;
    return null;
  }
}

/** Probe greeting, v1, v0 and version. Resolves running=false when nothing answers; rejects on abort or when the greeting times out. */
export async function detectLmStudio(deps: HttpJsonDeps, options: DetectOptions): Promise<LmStudioDetection> {
  const result: LmStudioDetection = {
    baseUrl: deps.baseUrl,
    where: deps.where ?? deps.baseUrl,
    running: false,
    apiLevel: 'none',
    authRequired: false,
    authorized: true,
    version: null,
  };
  let greeting: JsonAnswer;
  try {
    // Not `probe`: a server that accepts but never answers must surface as a timeout, not as "not running".
    greeting = await requestJson(deps, {
      method: 'GET',
      path: '/lmstudio-greeting',
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      signal: options.signal,
      throwOnUnauthorized: false,
    });
  } catch (error) {
    if (isLmStudioError(error, 'not-running')) return result;
    if (isLmStudioError(error, 'bad-response')) greeting = { status: -1, body: null };
    else throw error;
  }
  result.running = GreetingSchema.safeParse(greeting.body).success;
  // LM Studio answers every path with JSON and HTTP 200 (unknown ones too); a page or an error status is another server.
  const foreign = greeting.status === -1 || greeting.status >= 300;

  let level: ApiLevel = 'none';
  const v1 = await probe(deps, '/api/v1/models', options);
  if (v1?.status === 401 || v1?.status === 403) {
    // Tokens exist only from 0.4.0, which is also when REST v1 arrived.
    level = 'v1';
    result.authRequired = true;
    result.authorized = false;
  } else if (v1?.status === 200 && V1ModelsProbeSchema.safeParse(v1.body).success) {
    level = 'v1';
  } else {
    const v0 = await probe(deps, '/api/v0/models', options);
    if (v0?.status === 401 || v0?.status === 403) {
      level = 'v0';
      result.authRequired = true;
      result.authorized = false;
    } else if (v0?.status === 200 && V0ModelsProbeSchema.safeParse(v0.body).success) {
      level = 'v0';
    }
  }
  result.apiLevel = level;
  if (level !== 'none') result.running = true;
  if (!result.running && foreign) result.foreign = true;
  if (result.running) {
    const status = await probe(deps, '/lms-status', options);
    const lmsStatus = status?.status === 200 ? LmsStatusSchema.safeParse(status.body) : null;
    if (lmsStatus?.success) result.version = lmsStatus.data.version;
  }
  return result;
}
