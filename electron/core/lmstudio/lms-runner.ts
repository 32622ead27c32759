/**
 * The `lms` CLI as a level: `lms ps` / `lms ls` for status and files, `lms load` for what REST cannot
 * carry (GPU offload, TTL, identifier; every load on 0.3.x) and `lms unload`. `lms load` prints text
 * only, so a load is read back from LM Studio's own list (reference §7 b).
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import {
  LmStudioError,
  isLmStudioError,
  type CallOptions,
  type LmsLocalModel,
  type LmsProcessInfo,
  type LoadRequest,
  type LoadResult,
} from './client-types';
import { loadError, notRunningError, unloadError, unsupportedOperation } from './errors';
import type { LevelTimeouts, LmStudioLevel, RequestedConfigs } from './level';
import { buildLmsLoadArgs, parseLoadedIdentifier, readLmsLs, readLmsPs } from './lms-output';
import { lmsMessage, lmsSaysNotRunning, type LmsProcess } from './lms-process';
import { enrichInstance } from './requested-configs';

export interface LmsRunnerDeps {
  lms: LmsProcess;
  timeouts: LevelTimeouts;
  now: () => number;
  requested: RequestedConfigs;
  /** How messages name the server. */
  where: string;
  /** Folder `lms ls` paths are relative to. */
  modelsDir: string;
  /** The loaded instances as the client lists them (REST + `lms ps`), to read a load back. */
  readBack: (call: CallOptions) => Promise<LoadedInstance[]>;
}

/** The `lms` level, plus what only `lms` can tell. */
export interface LmsRunner extends LmStudioLevel {
  listProcesses(call: CallOptions): Promise<LmsProcessInfo[]>;
  /** `lms ps`, or null when lms is missing or fails (status then stays unknown). Aborts still reject. */
  tryListProcesses(call: CallOptions): Promise<LmsProcessInfo[] | null>;
  listLocalFiles(call: CallOptions): Promise<LmsLocalModel[]>;
}

/** The `lms` runner. */
export function createLmsRunner(deps: LmsRunnerDeps): LmsRunner {
  const { lms, timeouts, now, requested } = deps;

  async function listProcesses(call: CallOptions): Promise<LmsProcessInfo[]> {
    const result = await lms.run(['ps', '--json'], call, timeouts.lmsMs);
    if (result.exitCode !== 0) throw lms.readFailure('ps --json', result);
    const read = readLmsPs(result.stdout);
    if (!read.ok) throw read.error;
    return read.value;
  }

  async function listLocalFiles(call: CallOptions): Promise<LmsLocalModel[]> {
    const result = await lms.run(['ls', '--json'], call, timeouts.lmsMs);
    if (result.exitCode !== 0) throw lms.readFailure('ls --json', result);
    const read = readLmsLs(result.stdout, deps.modelsDir);
    if (!read.ok) throw read.error;
    return read.value;
  }

  async function tryListProcesses(call: CallOptions): Promise<LmsProcessInfo[] | null> {
    if (!(await lms.find())) return null;
    try {
      return await listProcesses(call);
    } catch (error) {
      if (isLmStudioError(error, 'aborted')) throw error;
      return null;
    }
  }

  async function load(request: LoadRequest, call: CallOptions): Promise<LoadResult> {
    const started = now();
    const result = await lms.run(buildLmsLoadArgs(request), call, timeouts.loadMs);
    if (result.exitCode !== 0) {
      const message = lmsMessage(result);
      if (lmsSaysNotRunning(message)) throw notRunningError(deps.where);
      throw loadError(request.key, message, null);
    }
    const loadTimeSeconds = (now() - started) / 1000;
    const id = request.identifier ?? parseLoadedIdentifier(result.stdout);
    const instances = await deps.readBack({ signal: call.signal });
    const mine = instances.filter((i) => i.modelKey.toLowerCase() === request.key.toLowerCase());
    // Without a printed id, the new instance is the one Loadout has not seen requested before.
    const found =
      id !== null
        ? instances.find((i) => i.instanceId === id)
        : (mine.find((i) => !requested.has(i.instanceId)) ?? mine.at(-1));
    if (!found) {
      throw new LmStudioError(
        'load-failed',
        `\`lms load ${request.key}\` reported success but LM Studio does not list the instance${id ? ` "${id}"` : ''}. Check LM Studio's logs.`,
        {
          lmStudioMessage: result.stdout.trim() || null,
          subject: request.key,
        },
      );
    }
    requested.remember(found.instanceId, {
      gpuOffload: request.gpuOffload ?? null,
      ttlSeconds: request.ttlSeconds ?? null,
    });
    return { instance: enrichInstance(found, requested, undefined), via: 'lms', loadTimeSeconds };
  }

  async function unload(instanceId: string, call: CallOptions): Promise<void> {
    const result = await lms.run(['unload', instanceId], call, timeouts.unloadMs);
    if (result.exitCode !== 0) {
      const message = lmsMessage(result);
      if (lmsSaysNotRunning(message)) throw notRunningError(deps.where);
      throw unloadError(instanceId, message, null);
    }
    requested.forget(instanceId);
  }

  return {
    name: 'lms',
    knowsInstances: true,
    canLoad: () => true,
    canUnload: true,
    listDownloaded: () =>
      Promise.reject(
        unsupportedOperation('The lms CLI', 'list the catalog', "Loadout reads it from LM Studio's REST API"),
      ),
    async listLoaded(call) {
      return (await listProcesses(call)).map((p) => ({
        instanceId: p.identifier,
        modelKey: p.modelKey,
        contextLength: p.contextLength,
        gpuOffload: null,
        ttlSeconds: p.ttlSeconds,
        flashAttention: null,
        offloadKvCacheToGpu: null,
        status: p.status,
      }));
    },
    load,
    unload,
    listProcesses,
    tryListProcesses,
    listLocalFiles,
  };
}
