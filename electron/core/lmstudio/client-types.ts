/**
 * The LM Studio client's contract: what the presets executor, the CLI and the app call, and the one
 * error type they catch. The implementation (`client.ts`) maps REST v1, REST v0 and the `lms` CLI onto
 * the normalized types in `shared/lmstudio/types.ts`; callers never see an API level's raw JSON.
 */
import type { ApiLevel, CatalogModel, LmStudioNotice, LoadedInstance } from '../../../shared/lmstudio/types';
import type { GpuOffload } from '../../../shared/presets/schema';
import type { LmStudioUrlInUse } from './base-url';

/** Every way a call to LM Studio can fail, each with its own remedy. */
export type LmStudioErrorCode =
  /** Nothing answers at the base URL (connection refused, DNS, no greeting). */
  | 'not-running'
  /** LM Studio requires an API token and none, or a wrong one, was sent. */
  | 'unauthorized'
  /** LM Studio refused the load: not enough memory under its guardrail settings. */
  | 'guardrail'
  /** The model key or instance id is unknown to LM Studio. */
  | 'not-found'
  /** LM Studio tried to load and failed (engine crash, out of memory without the guardrail, bad file). */
  | 'load-failed'
  /** The operation needs the `lms` CLI and it was not found. */
  | 'lms-missing'
  /** `lms` ran and exited non-zero for another reason; its output is in lmStudioMessage. */
  | 'lms-failed'
  /** LM Studio answered something this client cannot read (wrong shape, not JSON). */
  | 'bad-response'
  /** Something answers at the base URL, but it is not LM Studio (a web page, another server). */
  | 'not-lmstudio'
  /** The operation needs something this API level cannot do (see `capabilities()`). */
  | 'unsupported'
  | 'timeout'
  /** The caller's AbortSignal fired. */
  | 'aborted';

/** A failure talking to LM Studio: `message` says what happened and what to do; `lmStudioMessage` is LM Studio's own text. */
export class LmStudioError extends Error {
  readonly code: LmStudioErrorCode;
  /** LM Studio's (or `lms`'s) own words, verbatim; null when it said nothing (e.g. connection refused). */
  readonly lmStudioMessage: string | null;
  /** HTTP status when the failure came from an HTTP answer. */
  readonly httpStatus: number | null;
  /** The model key or instance id the call was about, when there was one. */
  readonly subject: string | null;
  /** For `guardrail`: the memory LM Studio says the model needs, in bytes, when it said so. */
  readonly requiredBytes: number | null;

  constructor(
    code: LmStudioErrorCode,
    message: string,
    details: {
      lmStudioMessage?: string | null;
      httpStatus?: number | null;
      subject?: string | null;
      requiredBytes?: number | null;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'LmStudioError';
    this.code = code;
    this.lmStudioMessage = details.lmStudioMessage ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.subject = details.subject ?? null;
    this.requiredBytes = details.requiredBytes ?? null;
  }
}

/** True for an LmStudioError (optionally of the given code). */
export function isLmStudioError(value: unknown, code?: LmStudioErrorCode): value is LmStudioError {
  return value instanceof LmStudioError && (code === undefined || value.code === code);
}

/** Per-call options: every method takes them. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's default timeout for this call (ms). */
  timeoutMs?: number;
}

/** What `detect()` found at the base URL. */
export interface LmStudioDetection {
  baseUrl: string;
  /** The URL as messages name it, with where it came from ("http://… (from settings (lmstudio.baseUrl))"); absent in old fakes. */
  where?: string;
  /** `/lmstudio-greeting` answered `{"lmstudio": true}` (or a REST route answered). */
  running: boolean;
  apiLevel: ApiLevel;
  /** LM Studio refused us with 401/403 (no token, or a wrong one); then `authorized` is false. */
  authRequired: boolean;
  authorized: boolean;
  /** e.g. "0.4.4+1" when LM Studio reports it (greeting or `/lms-status`); null when unknown. */
  version: string | null;
  /** Not running, yet something answered the greeting (a page, another server's 404): it is not LM Studio. */
  foreign?: boolean;
}

/** What the detected API level can and cannot do, for the UI/CLI to say plainly. */
export interface LmStudioCapabilities {
  apiLevel: ApiLevel;
  /** Load / unload through REST (v1). When false, Loadout uses the `lms` CLI. */
  restLoad: boolean;
  restUnload: boolean;
  /** The catalog carries size_bytes / params (v1). */
  sizesKnown: boolean;
  /** The `lms` CLI was found: needed for gpuOffload / ttl / identifier, for v0 load/unload and for `generating` status. */
  lmsAvailable: boolean;
  lmsPath: string | null;
  /** One short English sentence per limitation, e.g. "LM Studio 0.3.x: no REST load/unload; Loadout uses the lms CLI". */
  limitations: string[];
  /** The same limitations as catalog codes, for faces that speak the user's language. */
  notices: LmStudioNotice[];
  /** One line for status bars: "LM Studio 0.4.4 · REST v1 · lms found". */
  summary: string;
}

/** A load as a preset asks for it. Absent fields = LM Studio's defaults. */
export interface LoadRequest {
  /** Model key from the catalog. */
  key: string;
  contextLength?: number;
  /** Needs `lms` (not in REST v1). */
  gpuOffload?: GpuOffload;
  /** Needs `lms` (not in REST v1). */
  ttlSeconds?: number;
  /** Needs `lms` (not in REST v1). */
  identifier?: string;
  /** REST v1 only (ignored through `lms`). */
  flashAttention?: boolean;
  /** REST v1 only (ignored through `lms`). */
  offloadKvCacheToGpu?: boolean;
}

/** The outcome of a successful load, read back from LM Studio. */
export interface LoadResult {
  instance: LoadedInstance;
  /** Which path loaded it. */
  via: 'rest-v1' | 'lms';
  /** As LM Studio reports it (REST v1), else measured by the client. */
  loadTimeSeconds: number;
}

/** One entry of `lms ps --json`, normalized. */
export interface LmsProcessInfo {
  identifier: string;
  modelKey: string;
  status: 'idle' | 'generating' | 'loading' | null;
  queued: number | null;
  contextLength: number | null;
  ttlSeconds: number | null;
  sizeBytes: number | null;
  /** `lms ps` does not report the offload ratio today; kept for when it does. */
  gpuOffload: GpuOffload | null;
}

/** One entry of `lms ls --json`, normalized. */
export interface LmsLocalModel {
  modelKey: string;
  /** As `lms` prints it (often relative to the models folder). */
  path: string;
  /** Resolved against the models folder; null when it cannot be resolved. */
  absolutePath: string | null;
  sizeBytes: number | null;
}

/** The LM Studio client. All methods reject with LmStudioError only. */
export interface LmStudioClient {
  /** The base URL in use (explicit option > LOADOUT_LMSTUDIO_URL > settings > default), no trailing slash. */
  getBaseUrl(): string;
  /** The base URL in use, where it came from (flag, LOADOUT_LMSTUDIO_URL, settings, default) and the URLs given but not usable. */
  urlInUse(): LmStudioUrlInUse;
  /** `${baseUrl}/v1`, for the OpenAI-compatible client used by chat/routing. */
  getOpenAiBaseUrl(): string;
  /** The API token (LM_API_TOKEN or the injected getter), or null when none is set. */
  getToken(): Promise<string | null>;

  /** Probe the server and its API level. Never throws for "not running" (running=false); rejects with `timeout` when a server accepts but never answers, or `aborted`. */
  detect(options?: CallOptions): Promise<LmStudioDetection>;
  /** What the detected level can do (detects first if needed). */
  capabilities(options?: CallOptions): Promise<LmStudioCapabilities>;

  /** The catalog with loaded instances. `includePaths` adds local file paths from `lms ls --json` (when lms is there). */
  listModels(options?: CallOptions & { includePaths?: boolean }): Promise<CatalogModel[]>;
  /** Loaded instances, with `status` from `lms ps --json` when lms is available (else null). */
  listLoaded(options?: CallOptions): Promise<LoadedInstance[]>;
  /** Load a model: REST v1 when it can carry the request, else `lms load`; then read the state back. */
  load(request: LoadRequest, options?: CallOptions): Promise<LoadResult>;
  /** Unload one instance by id (REST v1, else `lms unload`). */
  unload(instanceId: string, options?: CallOptions): Promise<void>;

  /** `lms ps --json`, normalized. Rejects with `lms-missing` when lms is not found. */
  listProcesses(options?: CallOptions): Promise<LmsProcessInfo[]>;
  /** `lms ls --json`, normalized. Rejects with `lms-missing` when lms is not found. */
  listLocalFiles(options?: CallOptions): Promise<LmsLocalModel[]>;
  /** Forget the cached detection (e.g. after the user changed the URL or started LM Studio). */
  resetDetection(): void;
}

/** Result of running a process (the `lms` CLI). */
export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with arguments; rejects only when it cannot start (ENOENT) or is aborted. */
export type RunProcess = (
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; signal?: AbortSignal; timeoutMs: number },
) => Promise<ProcessResult>;

/** Everything the client needs from the world, injectable for tests. */
export interface LmStudioClientOptions {
  /** Explicit base URL (e.g. `--lmstudio URL`); wins over env and settings. */
  baseUrl?: string;
  /** How messages name the explicit URL's source (default "the --lmstudio flag"), e.g. another machine's endpoint. */
  baseUrlLabel?: string;
  /** settings.lmstudio.baseUrl (used when neither option nor env is set). */
  settingsBaseUrl?: string;
  /** Env for LOADOUT_LMSTUDIO_URL, LM_API_TOKEN, LOADOUT_LMS, PATH, HOME. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Token source after LM_API_TOKEN (the app decrypts its safeStorage token here). */
  getToken?: () => Promise<string | null> | string | null;
  fetch?: typeof fetch;
  runProcess?: RunProcess;
  /** Checks that a file exists and is executable (lms lookup). */
  fileExists?: (path: string) => Promise<boolean>;
  /** ms clock for measured load times. */
  now?: () => number;
  /** LM Studio's home folder; default resolveLmStudioHome (the pointer file, else ~/.lmstudio). */
  lmStudioHome?: string;
  platform?: NodeJS.Platform;
  /** Folder `lms ls` paths are relative to; default <LM Studio home>/models. */
  modelsDir?: string;
  /** Default timeouts (ms): list/detect short, load long. */
  timeouts?: { detectMs?: number; listMs?: number; loadMs?: number; unloadMs?: number; lmsMs?: number };
  /** Extra attempts for idempotent GETs on connection errors/timeouts (default 1). */
  getRetries?: number;
}

/** Signature of `createLmStudioClient` in `./client` (the factory every caller uses). */
export type CreateLmStudioClient = (options?: LmStudioClientOptions) => LmStudioClient;
