/**
 * The LM Studio client: a thin facade that only chooses the level. REST v1 when LM Studio has it (0.4+),
 * REST v0 + the `lms` CLI on 0.3.x, and `lms` for what REST v1 cannot carry (GPU offload, TTL,
 * identifier). The levels (`rest-v1.ts`, `rest-v0.ts`, `lms-runner.ts`) read LM Studio's bodies with zod;
 * everything returned is normalized (`shared/lmstudio/types.ts`), everything thrown is an LmStudioError.
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import { pathFor } from '../process/search-path';
import { describeLmStudioUrl, resolveLmStudioUrl } from './base-url';
import { describeCapabilities } from './capabilities';
import {
  isLmStudioError,
  LmStudioError,
  type CallOptions,
  type LmStudioClient,
  type LmStudioClientOptions,
  type LmStudioDetection,
} from './client-types';
import { detectLmStudio } from './detect';
import { notLmStudioError, notRunningError, unauthorizedError } from './errors';
import type { HttpJsonDeps } from './http-json';
import type { LevelTimeouts, LmStudioLevel } from './level';
import { addLocalPaths, readLiveCatalog } from './live-catalog';
import { isExecutableFile } from './lms-locate';
import { createLmsProcess } from './lms-process';
import { createLmsRunner } from './lms-runner';
import { resolveLmStudioHome } from './lmstudio-home';
import { createRequestedConfigs } from './requested-configs';
import { createRestV0Level } from './rest-v0';
import { createRestV1Level } from './rest-v1';
import { runProcess as defaultRunProcess } from './run-process';

const DEFAULT_TIMEOUTS: LevelTimeouts = {
  detectMs: 3_000,
  listMs: 5_000,
  loadMs: 10 * 60_000,
  unloadMs: 30_000,
  lmsMs: 15_000,
};

/** Build a client. See LmStudioClientOptions for the precedence of base URL and token sources. */
export function createLmStudioClient(options: LmStudioClientOptions = {}): LmStudioClient {
  const env = options.env ?? process.env;
  const inUse = resolveLmStudioUrl({
    explicit: options.baseUrl,
    explicitLabel: options.baseUrlLabel,
    env,
    settings: options.settingsBaseUrl,
  });
  const baseUrl = inUse.url;
  const where = describeLmStudioUrl(inUse);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retries = options.getRetries ?? 1;
  const now = options.now ?? (() => performance.now());
  const platform = options.platform ?? process.platform;
  const lmStudioHome = options.lmStudioHome ?? resolveLmStudioHome({ env, platform });
  const requested = createRequestedConfigs();

  async function getToken(): Promise<string | null> {
    const fromEnv = env.LM_API_TOKEN?.trim();
    if (fromEnv) return fromEnv;
    const fromGetter = await options.getToken?.();
    return typeof fromGetter === 'string' && fromGetter.trim() !== '' ? fromGetter.trim() : null;
  }

  const http: HttpJsonDeps = { fetch: options.fetch ?? globalThis.fetch.bind(globalThis), baseUrl, where, getToken };
  const rest = {
    v1: createRestV1Level({ http, timeouts, retries, now, requested }),
    v0: createRestV0Level({ http, timeouts, retries }),
  };
  const lmsProcess = createLmsProcess({
    env,
    platform,
    lmStudioHome,
    baseUrl,
    where,
    getToken,
    run: options.runProcess ?? defaultRunProcess,
    fileExists: options.fileExists ?? ((file: string) => isExecutableFile(file, platform)),
  });
  const lms = createLmsRunner({
    lms: lmsProcess,
    timeouts,
    now,
    requested,
    where,
    modelsDir: options.modelsDir ?? pathFor(platform).join(lmStudioHome, 'models'),
    readBack: (call) => listLoaded(call),
  });
  let detection: Promise<LmStudioDetection> | null = null;

  function detect(call: CallOptions = {}): Promise<LmStudioDetection> {
    if (!detection) {
      const pending = detectLmStudio(http, {
        timeoutMs: call.timeoutMs ?? timeouts.detectMs,
        retries,
        signal: call.signal,
      });
      detection = pending;
      // A failed or "not running" probe is not cached: the next call looks again.
      pending.then(
        (d) => {
          if (!d.running && detection === pending) detection = null;
        },
        () => {
          if (detection === pending) detection = null;
        },
      );
    }
    return detection;
  }

  /** The REST level LM Studio offers, or the error that explains why nothing can be done. */
  async function restLevel(call: CallOptions): Promise<LmStudioLevel> {
    const d = await detect(call);
    if (!d.running) throw d.foreign ? notLmStudioError(where) : notRunningError(where);
    if (d.authRequired && !d.authorized) {
      detection = null;
      throw unauthorizedError(where, (await getToken()) !== null, null);
    }
    if (d.apiLevel === 'none') {
      detection = null;
      throw new LmStudioError(
        'unsupported',
        `LM Studio at ${baseUrl} answers but offers neither REST v1 nor v0 (it may be older than 0.3.6). Update LM Studio.`,
      );
    }
    return rest[d.apiLevel];
  }

  /** Forget the detection when LM Studio went away or changed under us (e.g. a v1 route now answering 200 + error). */
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (
        isLmStudioError(error, 'not-running') ||
        isLmStudioError(error, 'unauthorized') ||
        isLmStudioError(error, 'bad-response')
      )
        detection = null;
      throw error;
    }
  }

  async function listLoaded(call: CallOptions = {}): Promise<LoadedInstance[]> {
    return guarded(async () =>
      (await readLiveCatalog(await restLevel(call), lms, requested, call, true)).flatMap((m) => m.loadedInstances),
    );
  }

  return {
    getBaseUrl: () => baseUrl,
    urlInUse: () => inUse,
    getOpenAiBaseUrl: () => `${baseUrl}/v1`,
    getToken,
    detect: (call) => detect(call),
    async capabilities(call = {}) {
      return describeCapabilities(await detect(call), await lmsProcess.find());
    },
    listModels: (call = {}) =>
      guarded(async () => {
        const models = await readLiveCatalog(await restLevel(call), lms, requested, call, false);
        if (call.includePaths) await addLocalPaths(models, lms, (await lmsProcess.find()) !== null, call);
        return models;
      }),
    listLoaded,
    load: (request, call = {}) =>
      guarded(async () => {
        const level = await restLevel(call);
        return (level.canLoad(request) ? level : lms).load(request, call);
      }),
    unload: (instanceId, call = {}) =>
      guarded(async () => {
        const level = await restLevel(call);
        await (level.canUnload ? level : lms).unload(instanceId, call);
      }),
    listProcesses: (call = {}) => lms.listProcesses(call),
    listLocalFiles: (call = {}) => lms.listLocalFiles(call),
    resetDetection() {
      detection = null;
      lmsProcess.forget();
    },
  };
}
