/**
 * The LM Studio client: REST v1 when LM Studio has it (0.4+), REST v0 + the `lms` CLI on 0.3.x, and `lms`
 * for what REST v1 cannot carry (GPU offload, TTL, identifier). Everything it returns is normalized
 * (`shared/lmstudio/types.ts`); everything it throws is an LmStudioError. Capabilities are injected.
 */
import { stripVTControlCharacters } from 'node:util';
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';
import type { GpuOffload } from '../../../shared/presets/schema';
import { pathFor } from '../process/search-path';
import { batchFileProblem } from '../process/windows-executable';
import { describeLmStudioUrl, isDefaultLocalServer, resolveLmStudioUrl } from './base-url';
import { describeCapabilities } from './capabilities';
import {
  isLmStudioError,
  LmStudioError,
  type CallOptions,
  type LmsLocalModel,
  type LmsProcessInfo,
  type LmStudioClient,
  type LmStudioClientOptions,
  type LmStudioDetection,
  type LoadRequest,
  type LoadResult,
  type ProcessResult,
} from './client-types';
import { detectLmStudio } from './detect';
import {
  abortedError,
  badResponseError,
  extractLmStudioCode,
  extractLmStudioMessage,
  loadError,
  notLmStudioError,
  notRunningError,
  timeoutError,
  unauthorizedError,
  unloadError,
} from './errors';
import { isUnknownRouteAnswer, requestJson, type HttpJsonDeps } from './http-json';
import { isExecutableFile, lmsCandidates, locateLms } from './lms-locate';
import { resolveLmStudioHome } from './lmstudio-home';
import { buildLmsLoadArgs, lmsHostArgs, parseLmsLs, parseLmsPs, parseLoadedIdentifier } from './lms-output';
import { mapV0Models } from './map-v0';
import { mapV1Models } from './map-v1';
import { runProcess as defaultRunProcess } from './run-process';

const DEFAULT_TIMEOUTS = { detectMs: 3_000, listMs: 5_000, loadMs: 10 * 60_000, unloadMs: 30_000, lmsMs: 15_000 };

/** What Loadout asked `lms` for, remembered because LM Studio does not report it back (reference §5.3). */
interface RequestedConfig {
  gpuOffload: GpuOffload | null;
  ttlSeconds: number | null;
}

/** `lms` output that means it could not reach LM Studio. */
const LMS_NOT_RUNNING = /could not connect|not running|ECONNREFUSED|failed to connect/i;

/** The text a failed `lms` run printed, without its "Error:" prefix. */
function lmsMessage(result: ProcessResult): string | null {
  const text = (result.stderr.trim() || result.stdout.trim()).replace(/^error:\s*/i, '');
  return text === '' ? null : text;
}

/** Build a client. See LmStudioClientOptions for the precedence of base URL and token sources. */
export function createLmStudioClient(options: LmStudioClientOptions = {}): LmStudioClient {
  const env = options.env ?? process.env;
  const inUse = resolveLmStudioUrl({ explicit: options.baseUrl, explicitLabel: options.baseUrlLabel, env, settings: options.settingsBaseUrl });
  const baseUrl = inUse.url;
  const where = describeLmStudioUrl(inUse);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const retries = options.getRetries ?? 1;
  const now = options.now ?? (() => performance.now());
  const platform = options.platform ?? process.platform;
  const lmStudioHome = options.lmStudioHome ?? resolveLmStudioHome({ env, platform });
  const modelsDir = options.modelsDir ?? pathFor(platform).join(lmStudioHome, 'models');
  const run = options.runProcess ?? defaultRunProcess;
  const fileExists = options.fileExists ?? ((file: string) => isExecutableFile(file, platform));
  const requested = new Map<string, RequestedConfig>();

  async function getToken(): Promise<string | null> {
    const fromEnv = env.LM_API_TOKEN?.trim();
    if (fromEnv) return fromEnv;
    const fromGetter = await options.getToken?.();
    return typeof fromGetter === 'string' && fromGetter.trim() !== '' ? fromGetter.trim() : null;
  }

  const http: HttpJsonDeps = { fetch: options.fetch ?? globalThis.fetch.bind(globalThis), baseUrl, where, getToken };
  let detection: Promise<LmStudioDetection> | null = null;
  let lmsPath: Promise<string | null> | null = null;

  function detect(call: CallOptions = {}): Promise<LmStudioDetection> {
    if (!detection) {
      const pending = detectLmStudio(http, { timeoutMs: call.timeoutMs ?? timeouts.detectMs, retries, signal: call.signal });
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

  /** The detected level, or the error that explains why nothing can be done. */
  async function requireLevel(call: CallOptions): Promise<'v1' | 'v0'> {
    const d = await detect(call);
    if (!d.running) throw d.foreign ? notLmStudioError(where) : notRunningError(where);
    if (d.authRequired && !d.authorized) {
      detection = null;
      throw unauthorizedError(where, (await getToken()) !== null, null);
    }
    if (d.apiLevel === 'none') {
      detection = null;
      throw new LmStudioError('unsupported', `LM Studio at ${baseUrl} answers but offers neither REST v1 nor v0 (it may be older than 0.3.6). Update LM Studio.`);
    }
    return d.apiLevel;
  }

  /** Forget the detection when LM Studio went away or changed under us. */
  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isLmStudioError(error, 'not-running') || isLmStudioError(error, 'unauthorized') || isLmStudioError(error, 'bad-response')) detection = null;
      throw error;
    }
  }

  function findLms(): Promise<string | null> {
    lmsPath ??= locateLms({ env, lmStudioHome, platform, fileExists });
    return lmsPath;
  }

  /** Runs `lms` against the same server; rejects with lms-missing / timeout / aborted. */
  async function runLms(args: string[], call: CallOptions, defaultTimeoutMs: number): Promise<ProcessResult> {
    const batch = batchFileProblem(env.LOADOUT_LMS ?? '', 'LOADOUT_LMS', platform);
    if (batch) throw new LmStudioError('lms-missing', `${batch} It is usually ${pathFor(platform).join(lmStudioHome, 'bin', 'lms.exe')}.`);
    const path = await findLms();
    if (!path) {
      const looked = lmsCandidates({ env, lmStudioHome, platform }).slice(0, 2).join(', ');
      throw new LmStudioError(
        'lms-missing',
        `The lms CLI was not found (looked at ${looked} and PATH). Loadout needs it here; open LM Studio once so it installs ~/.lmstudio/bin/lms (or run \`~/.lmstudio/bin/lms bootstrap\`), or set LOADOUT_LMS to its path.`,
      );
    }
    const timeoutMs = call.timeoutMs ?? defaultTimeoutMs;
    const token = await getToken();
    // No colours: Windows terminals and our parsers would otherwise get ANSI codes in names and messages.
    const childEnv: NodeJS.ProcessEnv = { ...env, LOADOUT_LMSTUDIO_URL: baseUrl, NO_COLOR: '1', FORCE_COLOR: '0' };
    if (token) childEnv.LM_API_TOKEN = token;
    const fullArgs = [...args, ...lmsHostArgs(baseUrl, isDefaultLocalServer(baseUrl))];
    try {
      // Some lms builds colour their output anyway; strip what slips through.
      const result = await run(path, fullArgs, { env: childEnv, signal: call.signal, timeoutMs });
      return { ...result, stdout: stripVTControlCharacters(result.stdout), stderr: stripVTControlCharacters(result.stderr) };
    } catch (error) {
      const name = (error as { name?: string }).name;
      const code = (error as { code?: string }).code;
      if (call.signal?.aborted || name === 'AbortError') throw abortedError(`lms ${args[0] ?? ''}`);
      if (name === 'TimeoutError') throw timeoutError(baseUrl, `lms ${args[0] ?? ''}`, timeoutMs);
      if (code === 'ENOENT' || code === 'EACCES') {
        lmsPath = null;
        throw new LmStudioError('lms-missing', `The lms CLI at ${path} could not be started (${code}). Reinstall it from LM Studio, or set LOADOUT_LMS to a working path.`, { cause: error });
      }
      throw new LmStudioError('lms-failed', `The lms CLI at ${path} could not be run: ${String(error)}`, { cause: error });
    }
  }

  /** A non-zero `lms` exit for a read command → not-running or lms-failed. */
  function lmsReadFailure(command: string, result: ProcessResult): LmStudioError {
    const message = lmsMessage(result);
    if (message && LMS_NOT_RUNNING.test(message)) return notRunningError(where);
    return new LmStudioError('lms-failed', `\`lms ${command}\` failed (exit ${result.exitCode})${message ? `: ${message}` : ''}.`, { lmStudioMessage: message });
  }

  async function listProcesses(call: CallOptions = {}): Promise<LmsProcessInfo[]> {
    const result = await runLms(['ps', '--json'], call, timeouts.lmsMs);
    if (result.exitCode !== 0) throw lmsReadFailure('ps --json', result);
    const parsed = parseLmsPs(result.stdout);
    if (!parsed) throw new LmStudioError('bad-response', `\`lms ps --json\` printed something Loadout cannot read. Update LM Studio's CLI.`, { lmStudioMessage: result.stdout.slice(0, 200) });
    return parsed;
  }

  async function listLocalFiles(call: CallOptions = {}): Promise<LmsLocalModel[]> {
    const result = await runLms(['ls', '--json'], call, timeouts.lmsMs);
    if (result.exitCode !== 0) throw lmsReadFailure('ls --json', result);
    const parsed = parseLmsLs(result.stdout, modelsDir);
    if (!parsed) throw new LmStudioError('bad-response', `\`lms ls --json\` printed something Loadout cannot read. Update LM Studio's CLI.`, { lmStudioMessage: result.stdout.slice(0, 200) });
    return parsed;
  }

  /** `lms ps`, or null when lms is missing or fails (status then stays unknown). Aborts still reject. */
  async function tryProcesses(call: CallOptions): Promise<LmsProcessInfo[] | null> {
    if (!(await findLms())) return null;
    try {
      return await listProcesses(call);
    } catch (error) {
      if (isLmStudioError(error, 'aborted')) throw error;
      return null;
    }
  }

  /** Applies what Loadout requested through `lms` and what `lms ps` says to an instance. */
  function enrich(instance: LoadedInstance, ps: LmsProcessInfo | undefined): LoadedInstance {
    const mine = requested.get(instance.instanceId);
    return {
      ...instance,
      contextLength: instance.contextLength ?? ps?.contextLength ?? null,
      gpuOffload: instance.gpuOffload ?? mine?.gpuOffload ?? ps?.gpuOffload ?? null,
      ttlSeconds: instance.ttlSeconds ?? ps?.ttlSeconds ?? mine?.ttlSeconds ?? null,
      status: ps?.status ?? instance.status,
    };
  }

  /** The catalog, plus the `lms ps` result when it was fetched (v0 always needs it for instance ids). */
  async function readCatalog(call: CallOptions, withProcesses: boolean): Promise<{ models: CatalogModel[]; ps: LmsProcessInfo[] | null }> {
    const level = await requireLevel(call);
    const path = level === 'v1' ? '/api/v1/models' : '/api/v0/models';
    const answer = await requestJson(http, { method: 'GET', path, timeoutMs: call.timeoutMs ?? timeouts.listMs, retries, signal: call.signal });
    if (isUnknownRouteAnswer(answer) || answer.status !== 200) {
      detection = null;
      throw badResponseError(baseUrl, `GET ${path}`, `HTTP ${answer.status}`, answer.status, extractLmStudioMessage(answer.body));
    }
    const models = level === 'v1' ? mapV1Models(answer.body) : mapV0Models(answer.body);
    if (!models) throw badResponseError(baseUrl, `GET ${path}`, 'no models list in the answer', answer.status);
    const ps = withProcesses || level === 'v0' ? await tryProcesses(call) : null;
    if (level === 'v1' || ps) {
      // Forget what we asked for instances that are gone (unloaded elsewhere, TTL expired): ids get reused.
      const live = new Set(level === 'v1' ? models.flatMap((m) => m.loadedInstances.map((i) => i.instanceId)) : (ps ?? []).map((p) => p.identifier));
      for (const id of requested.keys()) if (!live.has(id)) requested.delete(id);
    }
    for (const model of models) {
      if (level === 'v0' && ps) {
        // v0 lists one state per model; `lms ps` has the real instances (ids like key:2).
        model.loadedInstances = ps
          .filter((p) => p.modelKey.toLowerCase() === model.key.toLowerCase())
          .map((p) => ({ instanceId: p.identifier, modelKey: model.key, contextLength: p.contextLength, gpuOffload: null, ttlSeconds: null, flashAttention: null, offloadKvCacheToGpu: null, status: null }));
      }
      model.loadedInstances = model.loadedInstances.map((i) => enrich(i, ps?.find((p) => p.identifier === i.instanceId)));
    }
    return { models, ps };
  }

  async function listModels(call: CallOptions & { includePaths?: boolean } = {}): Promise<CatalogModel[]> {
    return guarded(async () => {
      const { models } = await readCatalog(call, false);
      if (call.includePaths && (await findLms())) {
        try {
          const files = await listLocalFiles(call);
          for (const model of models) {
            const file = files.find((f) => f.modelKey.toLowerCase() === model.key.toLowerCase());
            if (file) model.path = file.absolutePath ?? file.path;
          }
        } catch (error) {
          if (isLmStudioError(error, 'aborted')) throw error;
        }
      }
      return models;
    });
  }

  async function listLoaded(call: CallOptions = {}): Promise<LoadedInstance[]> {
    return guarded(async () => (await readCatalog(call, true)).models.flatMap((m) => m.loadedInstances));
  }

  async function loadViaRest(request: LoadRequest, call: CallOptions): Promise<LoadResult> {
    const started = now();
    const body: Record<string, unknown> = { model: request.key, echo_load_config: true };
    if (request.contextLength !== undefined) body.context_length = request.contextLength;
    if (request.flashAttention !== undefined) body.flash_attention = request.flashAttention;
    if (request.offloadKvCacheToGpu !== undefined) body.offload_kv_cache_to_gpu = request.offloadKvCacheToGpu;
    const answer = await requestJson(http, { method: 'POST', path: '/api/v1/models/load', body, timeoutMs: call.timeoutMs ?? timeouts.loadMs, signal: call.signal });
    const record = (answer.body ?? {}) as Record<string, unknown>;
    if (answer.status === 200 && typeof record.instance_id === 'string') {
      requested.delete(record.instance_id);
      const config = (record.load_config ?? {}) as Record<string, unknown>;
      const instance: LoadedInstance = {
        instanceId: record.instance_id,
        modelKey: request.key,
        contextLength: typeof config.context_length === 'number' ? config.context_length : request.contextLength ?? null,
        gpuOffload: null,
        ttlSeconds: null,
        flashAttention: typeof config.flash_attention === 'boolean' ? config.flash_attention : request.flashAttention ?? null,
        offloadKvCacheToGpu: typeof config.offload_kv_cache_to_gpu === 'boolean' ? config.offload_kv_cache_to_gpu : request.offloadKvCacheToGpu ?? null,
        status: 'idle',
      };
      const reported = typeof record.load_time_seconds === 'number' ? record.load_time_seconds : null;
      return { instance, via: 'rest-v1', loadTimeSeconds: reported ?? (now() - started) / 1000 };
    }
    if (isUnknownRouteAnswer(answer) && answer.status === 200 && extractLmStudioMessage(answer.body)?.startsWith('Unexpected endpoint')) {
      throw badResponseError(baseUrl, 'POST /api/v1/models/load', 'the route is unknown to this LM Studio', 200, extractLmStudioMessage(answer.body));
    }
    throw loadError(request.key, extractLmStudioMessage(answer.body), answer.status, extractLmStudioCode(answer.body));
  }

  async function loadViaLms(request: LoadRequest, call: CallOptions): Promise<LoadResult> {
    const started = now();
    const result = await runLms(buildLmsLoadArgs(request), call, timeouts.loadMs);
    if (result.exitCode !== 0) {
      const message = lmsMessage(result);
      if (message && LMS_NOT_RUNNING.test(message)) throw notRunningError(where);
      throw loadError(request.key, message, null);
    }
    const loadTimeSeconds = (now() - started) / 1000;
    const id = request.identifier ?? parseLoadedIdentifier(result.stdout);
    const instances = await listLoaded({ signal: call.signal });
    const mine = instances.filter((i) => i.modelKey.toLowerCase() === request.key.toLowerCase());
    const found = id !== null ? instances.find((i) => i.instanceId === id) : mine.find((i) => !requested.has(i.instanceId)) ?? mine.at(-1);
    if (!found) {
      throw new LmStudioError('load-failed', `\`lms load ${request.key}\` reported success but LM Studio does not list the instance${id ? ` "${id}"` : ''}. Check LM Studio's logs.`, {
        lmStudioMessage: result.stdout.trim() || null,
        subject: request.key,
      });
    }
    requested.set(found.instanceId, { gpuOffload: request.gpuOffload ?? null, ttlSeconds: request.ttlSeconds ?? null });
    return { instance: enrich(found, undefined), via: 'lms', loadTimeSeconds };
  }

  async function load(request: LoadRequest, call: CallOptions = {}): Promise<LoadResult> {
    return guarded(async () => {
      const level = await requireLevel(call);
      const needsLms = level === 'v0' || request.gpuOffload !== undefined || request.ttlSeconds !== undefined || request.identifier !== undefined;
      return needsLms ? loadViaLms(request, call) : loadViaRest(request, call);
    });
  }

  async function unload(instanceId: string, call: CallOptions = {}): Promise<void> {
    return guarded(async () => {
      const level = await requireLevel(call);
      if (level === 'v1') {
        const answer = await requestJson(http, { method: 'POST', path: '/api/v1/models/unload', body: { instance_id: instanceId }, timeoutMs: call.timeoutMs ?? timeouts.unloadMs, signal: call.signal });
        const record = (answer.body ?? {}) as Record<string, unknown>;
        if (answer.status !== 200 || typeof record.instance_id !== 'string') {
          throw unloadError(instanceId, extractLmStudioMessage(answer.body), answer.status === 200 ? null : answer.status);
        }
      } else {
        const result = await runLms(['unload', instanceId], call, timeouts.unloadMs);
        if (result.exitCode !== 0) {
          const message = lmsMessage(result);
          if (message && LMS_NOT_RUNNING.test(message)) throw notRunningError(where);
          throw unloadError(instanceId, message, null);
        }
      }
      requested.delete(instanceId);
    });
  }

  return {
    getBaseUrl: () => baseUrl,
    urlInUse: () => inUse,
    getOpenAiBaseUrl: () => `${baseUrl}/v1`,
    getToken,
    detect: (call) => detect(call),
    async capabilities(call = {}) {
      return describeCapabilities(await detect(call), await findLms());
    },
    listModels,
    listLoaded,
    load,
    unload,
    listProcesses,
    listLocalFiles,
    resetDetection() {
      detection = null;
      lmsPath = null;
    },
  };
}
