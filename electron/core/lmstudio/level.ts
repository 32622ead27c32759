/**
 * One way of talking to LM Studio: REST v1 (`rest-v1.ts`), REST v0 (`rest-v0.ts`) or the `lms` CLI
 * (`lms-runner.ts`). The client (`client.ts`) only chooses among them; each level says what it can carry.
 */
import type { CatalogModel, LoadedInstance } from '../../../shared/lmstudio/types';
import type { GpuOffload } from '../../../shared/presets/schema';
import type { CallOptions, LoadRequest, LoadResult } from './client-types';
import type { HttpJsonDeps } from './http-json';

export type LevelName = 'rest-v1' | 'rest-v0' | 'lms';

/** The operations the client needs, the same on every level. A level rejects with `unsupported` for what it cannot do. */
export interface LmStudioLevel {
  readonly name: LevelName;
  /** False when the level names no instances (REST v0: one state per model; `lms ps` has the real ids). */
  readonly knowsInstances: boolean;
  /** Whether this level can carry the load as asked (REST v1 cannot set GPU offload, TTL or an identifier). */
  canLoad(request: LoadRequest): boolean;
  readonly canUnload: boolean;
  /** Downloaded models with the instances this level sees. */
  listDownloaded(call: CallOptions): Promise<CatalogModel[]>;
  /** Loaded instances, with `status` where the level knows it. */
  listLoaded(call: CallOptions): Promise<LoadedInstance[]>;
  load(request: LoadRequest, call: CallOptions): Promise<LoadResult>;
  unload(instanceId: string, call: CallOptions): Promise<void>;
}

/** Default timeouts (ms) of every level. */
export interface LevelTimeouts {
  detectMs: number;
  listMs: number;
  loadMs: number;
  unloadMs: number;
  lmsMs: number;
}

/** What a REST level needs from the client. */
export interface RestLevelContext {
  http: HttpJsonDeps;
  timeouts: LevelTimeouts;
  /** Extra attempts for idempotent GETs. */
  retries: number;
  /** ms clock for measured load times. */
  now: () => number;
  requested: RequestedConfigs;
}

/** What Loadout asked `lms` for, remembered because LM Studio does not report it back (reference §5.3). */
export interface RequestedConfig {
  gpuOffload: GpuOffload | null;
  ttlSeconds: number | null;
}

/** The requested configs by instance id (see requested-configs.ts). */
export interface RequestedConfigs {
  remember(instanceId: string, config: RequestedConfig): void;
  forget(instanceId: string): void;
  has(instanceId: string): boolean;
  get(instanceId: string): RequestedConfig | undefined;
  /** Forget every instance not in `live` (unloaded elsewhere, TTL expired): ids get reused. */
  keepOnly(live: Set<string>): void;
}
