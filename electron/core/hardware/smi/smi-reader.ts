/**
 * GPU readings through nvidia-smi: the valid fields are probed once with `--help-query-gpu`, then
 * one long-lived loop child streams rows that `read()` hands out from memory. Per-process memory
 * comes from `--query-compute-apps`, run only while something shows or uses the processes (the
 * monitor window, gaming mode's VRAM threshold): at once when asked, then every 30 s. A spawn costs
 * ~3.5 ms of CPU, six times a 1-Hz sample, so nothing is spawned while nobody looks.
 */
import { wordGpuUnavailable, type GpuUnavailable } from '../../../../shared/hardware/gpu-unavailable';
import type { GpuInfo } from '../../../../shared/hardware/inventory';
import { translator } from '../../../../shared/i18n/translate';
import type { GpuProcess, GpuProcessesGap, GpuSample } from '../../../../shared/hardware/sample';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../../shared/events/typed-emitter';
import { parseComputeApps, COMPUTE_APPS_FIELDS } from '../../../../shared/hardware/smi-compute-apps';
import { parseHelpQueryGpu } from '../../../../shared/hardware/smi-help';
import {
  SMI_INFO_FIELDS,
  SMI_SAMPLE_FIELDS,
  type SmiColumns,
  chooseSmiColumns,
  hasRequiredColumns,
  parseSmiInfoRow,
  parseSmiSampleRow,
} from '../../../../shared/hardware/smi-gpu-row';
import type { GpuReader, GpuReading } from '../gpu-reader';
import { findNvidiaSmi } from './find-nvidia-smi';
import { killStaleSmiChildren, realSmiChildOs, SmiChildRecord } from './smi-child-record';
import { describeSmiFailure, runNvidiaSmi } from './run-nvidia-smi';
import { SmiStream } from './smi-stream';

const PROCESS_REFRESH_MS = 30_000;
const SMI_WDDM_REASON = 'Windows WDDM: nvidia-smi does not report per-process GPU memory (Windows manages it).';
/** Why there is no process list while nothing asks for it. */
export const SMI_PROCESSES_NOT_WATCHED =
  'The GPU process list is read only while the monitor window or gaming mode uses it (it costs a nvidia-smi run).';

/** nvidia-smi could not be used; the message says why. */
export class SmiUnavailableError extends Error {
  override name = 'SmiUnavailableError';
  /** True when there is no nvidia-smi at all (no NVIDIA driver installed), not one that failed. */
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

export interface SmiReaderOptions {
  env: NodeJS.ProcessEnv;
  intervalMs: number;
  platform?: NodeJS.Platform;
  now?: () => number;
  /** How long to wait for the first row before giving up (default max(5 s, 3 intervals)). */
  firstRowTimeoutMs?: number;
  /** The data folder: the loop child is recorded there, and a crashed Loadout's stale child is killed first. */
  childRecordDir?: string;
  /** Where a row listener that threw is reported (default the console): it must not break the child's line reader. */
  onListenerError?: ListenerErrorReporter;
}

/** Probe nvidia-smi and its fields once, without starting the loop: the executable and the valid field names. */
export async function probeNvidiaSmi(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): Promise<{ executable: string; valid: Set<string> }> {
  const found = findNvidiaSmi(env, platform);
  if (found.problem) throw new SmiUnavailableError(found.problem);
  if (!found.path)
    throw new SmiUnavailableError(`nvidia-smi was not found (looked in: ${found.searched.join(', ')}).`, true);
  const help = await runNvidiaSmi(found.path, ['--help-query-gpu'], env);
  if (help.code !== 0) throw new SmiUnavailableError(`nvidia-smi failed (${found.path}): ${describeSmiFailure(help)}`);
  return { executable: found.path, valid: parseHelpQueryGpu(help.stdout) };
}

/** Read the static GPU facts with one `--query-gpu` run. */
export async function querySmiInventory(
  executable: string,
  valid: ReadonlySet<string>,
  env: NodeJS.ProcessEnv,
): Promise<GpuInfo[]> {
  const columns = chooseSmiColumns(SMI_INFO_FIELDS, valid);
  const result = await runNvidiaSmi(
    executable,
    [`--query-gpu=${columns.fields.join(',')}`, '--format=csv,noheader,nounits'],
    env,
  );
  if (result.code !== 0)
    throw new SmiUnavailableError(`nvidia-smi could not list the GPUs: ${describeSmiFailure(result)}`);
  return result.stdout
    .split(/\r?\n/)
    .map((line) => parseSmiInfoRow(line, columns))
    .filter((g): g is GpuInfo => g !== null);
}

/** Start the nvidia-smi loop and resolve once its first row has arrived; throws SmiUnavailableError with the reason. */
export async function openSmiReader(options: SmiReaderOptions): Promise<SmiGpuReader> {
  const quick = await openWithFirstChoiceFields(options);
  if (quick) return quick;
  const { executable, valid } = await probeNvidiaSmi(options.env, options.platform);
  const columns = chooseSmiColumns(SMI_SAMPLE_FIELDS, valid);
  if (!hasRequiredColumns(SMI_SAMPLE_FIELDS, columns))
    throw new SmiUnavailableError(`this nvidia-smi does not offer the GPU index field (${executable}).`);
  // Before starting ours: a crashed Loadout's loop child would otherwise poll the GPU beside it forever.
  if (options.childRecordDir) await killStaleSmiChildren(options.childRecordDir, realSmiChildOs(options.platform));
  const reader = new SmiGpuReader(executable, valid, columns, options);
  await reader.waitForFirstRow(options.firstRowTimeoutMs ?? Math.max(5000, options.intervalMs * 3));
  return reader;
}

/**
 * One nvidia-smi spawn instead of two when it knows the fields Loadout asks for first, as current drivers
 * do: the loop starts with them, without the `--help-query-gpu` probe (`loadout monitor --once` started
 * two or three nvidia-smi processes for one reading). Null when that child ends without a row (an older
 * driver that lacks a field, no driver...): the probe then picks the fields, or says why there is no GPU.
 */
async function openWithFirstChoiceFields(options: SmiReaderOptions): Promise<SmiGpuReader | null> {
  const found = findNvidiaSmi(options.env, options.platform);
  if (!found.path || found.problem) return null;
  if (options.childRecordDir) await killStaleSmiChildren(options.childRecordDir, realSmiChildOs(options.platform));
  const unprobed = new Set<string>(); // chooseSmiColumns takes each field's first name when nothing was probed
  const reader = new SmiGpuReader(found.path, unprobed, chooseSmiColumns(SMI_SAMPLE_FIELDS, unprobed), options);
  try {
    await reader.waitForFirstRow(options.firstRowTimeoutMs ?? Math.max(5000, options.intervalMs * 3));
    return reader;
  } catch {
    return null; // waitForFirstRow closed it
  }
}

/** How long the loop child may stay silent while alive before it counts as hung: ten intervals, at least 15 s. */
export function smiHangLimitMs(intervalMs: number): number {
  return Math.max(15_000, intervalMs * 10);
}

/** A GpuReader over the nvidia-smi loop child. */
export class SmiGpuReader implements GpuReader {
  readonly source = 'nvidia-smi' as const;
  private readonly rows = new Map<number, { sample: GpuSample; receivedAt: number }>();
  private readonly stream: SmiStream;
  private readonly now: () => number;
  private readonly platform: NodeJS.Platform;
  private processes: GpuProcess[] | null = null;
  private processesReason: string | null = null;
  /** processesReason as data where it is a known gap (null for a failed listing, whose words are nvidia-smi's). */
  private processesGap: GpuProcessesGap | null = null;
  private processesWanted = false;
  private refreshing: Promise<void> | null = null;
  private processTimer: NodeJS.Timeout | null = null;
  private firstRow: (() => void) | null = null;
  private inventoryPromise: Promise<GpuInfo[]> | null = null;
  private readonly events: TypedEmitter<{ row: GpuSample }>;
  /** When the loop last printed a row (or was started): a child alive but silent past the hang limit is lost. */
  private lastRowAt: number;

  constructor(
    readonly executable: string,
    private readonly valid: ReadonlySet<string>,
    readonly columns: SmiColumns,
    private readonly options: SmiReaderOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.events = createEmitter(options.onListenerError);
    this.platform = options.platform ?? process.platform;
    this.setUnwatched();
    this.lastRowAt = this.now();
    this.stream = new SmiStream({
      executable,
      fields: columns.fields,
      intervalMs: options.intervalMs,
      env: options.env,
      onLine: (line) => this.onLine(line),
      ...(options.childRecordDir ? { record: new SmiChildRecord(options.childRecordDir) } : {}),
    });
    this.stream.start();
  }

  /**
   * Read at another pace (gaming mode: every 10 s while a game holds the GPU), or at the opening interval
   * again with null: the loop child is reopened at that `-lms`, so nvidia-smi too wakes the GPU less.
   */
  setPace(ms: number | null): void {
    const before = this.stream.intervalMs;
    this.stream.setIntervalMs(ms ?? this.options.intervalMs);
    // The new child gets its own first row before the stale and hang limits count.
    if (this.stream.intervalMs !== before) this.lastRowAt = this.now();
  }

  /** Whether anything shows or uses the process list now; the monitor says so before each sample (idempotent). */
  setProcessesWanted(wanted: boolean): void {
    if (wanted === this.processesWanted) return;
    this.processesWanted = wanted;
    if (wanted) {
      this.processesReason = 'The GPU process list has not been read yet.';
      this.processesGap = 'not-read-yet';
      this.refreshing ??= this.refreshProcesses().finally(() => (this.refreshing = null));
      return;
    }
    if (this.processTimer) clearTimeout(this.processTimer);
    this.processTimer = null;
    this.processes = null;
    this.setUnwatched();
  }

  private setUnwatched(): void {
    this.processesReason = this.platform === 'win32' ? SMI_WDDM_REASON : SMI_PROCESSES_NOT_WATCHED;
    this.processesGap = this.platform === 'win32' ? 'wddm' : 'not-watched';
  }

  /** The child's pid (tests check it is gone after close). */
  get childPid(): number | null {
    return this.stream.pid;
  }

  get restarts(): number {
    return this.stream.restarts;
  }

  private onLine(line: string): void {
    const sample = parseSmiSampleRow(line, this.columns);
    if (!sample) return;
    this.lastRowAt = this.now();
    this.rows.set(sample.index, { sample, receivedAt: this.lastRowAt });
    this.firstRow?.();
    this.events.emit('row', sample);
  }

  /**
   * Every row nvidia-smi prints, as it arrives, even when several arrive between two samples
   * (the energy ledger integrates these over `sampledAt`); returns the unsubscribe function.
   */
  subscribeRows(listener: (gpu: GpuSample) => void): () => void {
    return this.events.on('row', listener);
  }

  /** Resolves at the first row; rejects when the child ends first or the time runs out (and then stops the child). */
  async waitForFirstRow(timeoutMs: number): Promise<void> {
    if (this.rows.size > 0) return;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new SmiUnavailableError(
                `nvidia-smi gave no reading within ${timeoutMs} ms${this.stream.lastExitReason ? ` (${this.stream.lastExitReason})` : ''}.`,
              ),
            ),
          timeoutMs,
        );
        const poll = setInterval(() => {
          if (this.stream.lastExitReason && this.rows.size === 0) {
            clearTimeout(timer);
            clearInterval(poll);
            reject(new SmiUnavailableError(this.stream.lastExitReason));
          }
        }, 20);
        this.firstRow = () => {
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        };
      });
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      this.firstRow = null;
    }
  }

  private async refreshProcesses(): Promise<void> {
    this.processTimer = null;
    if (!this.processesWanted) return;
    if (this.platform === 'win32') {
      this.processes = null;
      this.processesReason = SMI_WDDM_REASON;
      this.processesGap = 'wddm';
      return;
    }
    const result = await runNvidiaSmi(
      this.executable,
      [`--query-compute-apps=${COMPUTE_APPS_FIELDS.join(',')}`, '--format=csv,noheader,nounits'],
      this.options.env,
    );
    if (!this.processesWanted) return; // released while nvidia-smi ran: keep the "not watched" state
    if (result.code === 0) {
      this.processes = parseComputeApps(result.stdout);
      this.processesReason = null;
      this.processesGap = null;
    } else {
      this.processes = null;
      this.processesReason = `nvidia-smi could not list the GPU processes: ${describeSmiFailure(result)}`;
      this.processesGap = null;
    }
    if (this.stream.running || this.stream.restartAt !== null) {
      this.processTimer = setTimeout(() => {
        this.refreshing ??= this.refreshProcesses().finally(() => (this.refreshing = null));
      }, PROCESS_REFRESH_MS);
      this.processTimer.unref();
    }
  }

  read(): GpuReading {
    const now = this.now();
    const staleMs = Math.max(3000, this.stream.intervalMs * 3);
    const fresh = [...this.rows.values()].filter((r) => now - r.receivedAt <= staleMs);
    if (fresh.length === 0) {
      const restartInSeconds =
        this.stream.restartAt !== null ? Math.max(0, Math.round((this.stream.restartAt - now) / 1000)) : null;
      const died = this.stream.lastExitReason !== null && !this.stream.running;
      // A child that is alive but prints nothing (hung in the driver during a TDR or an update) never exits
      // by itself: past the hang limit it is lost too, so the monitor kills it and probes again.
      const silentMs = now - this.lastRowAt;
      const hung = !died && this.stream.running && silentMs > smiHangLimitMs(this.stream.intervalMs);
      const unavailable: GpuUnavailable = died
        ? { kind: 'smi-exited', detail: this.stream.lastExitReason!, restartInSeconds }
        : hung
          ? { kind: 'smi-hung', seconds: Math.round(silentMs / 1000) }
          : { kind: 'smi-silent', seconds: Math.round(staleMs / 1000) };
      const why = wordGpuUnavailable(unavailable, translator('en'));
      // Its own quick restarts did not bring rows back within the stale window: the driver (or the
      // executable, which a driver update moves) is gone, so the monitor re-probes from scratch.
      return {
        gpus: [],
        unavailableReason: why,
        unavailable,
        processes: this.processes,
        processesUnavailableReason: this.processesReason,
        processesUnavailableKind: this.processesGap,
        lost: died || hung ? why : null,
      };
    }
    return {
      gpus: fresh.map((r) => r.sample).sort((a, b) => a.index - b.index),
      unavailableReason: null,
      processes: this.processes,
      processesUnavailableReason: this.processesReason,
      processesUnavailableKind: this.processesGap,
    };
  }

  inventory(): Promise<GpuInfo[]> {
    // A reader started without the probe (openWithFirstChoiceFields) probes now: the inventory's fields vary more.
    this.inventoryPromise ??= (
      this.valid.size > 0
        ? Promise.resolve(this.valid)
        : probeNvidiaSmi(this.options.env, this.platform).then((probed) => probed.valid)
    ).then((valid) => querySmiInventory(this.executable, valid, this.options.env));
    return this.inventoryPromise;
  }

  async close(): Promise<void> {
    this.processesWanted = false;
    if (this.processTimer) clearTimeout(this.processTimer);
    this.processTimer = null;
    await this.stream.stop();
  }
}
