/**
 * NVML read on a worker thread (nvml-worker.ts) instead of the event loop. A sample's driver calls cost
 * the loop nothing: the monitor asks for the next reading `delayMs` ahead (`readAfter`), the worker takes
 * it on its own timer and posts a plain GpuReading, and that one message is the sample's only wake-up.
 * Asked with a period (`readAfter(delay, everyMs)`), the worker keeps reading on that grid by itself, so a
 * sample on schedule posts no request at all: one message and one wake-up per thread per sample.
 * A driver call that hangs stalls the worker, never the loop: after `NVML_ANSWER_CAP_MS` the sample goes
 * on without GPU values and says why. Where the worker file is not shipped (the single-file executable),
 * `openNvmlWorkerReader` returns null and the caller reads NVML on the loop as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { GpuUnavailable } from '../../../../shared/hardware/gpu-unavailable';
import type { GpuInfo } from '../../../../shared/hardware/inventory';
import type { GpuReader, GpuReading } from '../gpu-reader';
import { ENERGY_PREFETCH_CAP_MS } from './energy-prefetch';
import { nvmlGapReading } from './nvml-gap-reading';
import { NvmlUnavailableError } from './nvml-reader';
import type { NvmlWorkerAnswer, NvmlWorkerData, NvmlWorkerRequest } from './nvml-worker';

/** How long past its due time a reading may take before the sample goes on without it (a hung driver). */
export const NVML_ANSWER_CAP_MS = ENERGY_PREFETCH_CAP_MS;

/**
 * How far a sample's due time may be from the worker's standing grid and still take its read: clock rounding,
 * message latency and a loop that ran a little late (it takes the reading made on time, and is back on the grid next).
 */
export function standingSlackMs(everyMs: number): number {
  return Math.max(50, everyMs / 4);
}

/** The worker entry: the built file beside this module or its chunk folder's parent, else the TypeScript source. */
export function findNvmlWorker(here: string, exists: (file: string) => boolean = fs.existsSync): string | null {
  const candidates = [
    path.join(here, 'nvml-worker.js'),
    path.join(here, 'nvml-worker.mjs'),
    path.join(here, '..', 'nvml-worker.js'),
    path.join(here, '..', 'nvml-worker.mjs'),
    path.join(here, 'nvml-worker.ts'),
  ];
  return candidates.find((file) => exists(file)) ?? null;
}

function moduleDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return null; // a CommonJS bundle (the single-file executable) has no import.meta.url
  }
}

/** A GpuReader whose NVML calls run on a worker thread. */
export class NvmlWorkerReader implements GpuReader {
  readonly source = 'nvml' as const;
  private nextId = 1;
  /** The read still on the worker (request `id`, its `seq`-th reading), and when its answer was due. */
  private pending: { id: number; seq: number; dueAt: number; overdue: boolean; done: () => void } | null = null;
  /** The worker's standing read (see NvmlWorkerRequest): its next reading's number and due time on this clock. */
  private standing: {
    id: number;
    nextSeq: number;
    nextDueAt: number;
    everyMs: number;
    processesWanted: boolean | null;
  } | null = null;
  /** A standing reading that came before the loop asked for it (a sample that ran late): used when it does. */
  private early: { id: number; seq: number; reading: GpuReading } | null = null;
  private fresh: GpuReading | null = null;
  private last: GpuReading | null = null;
  private processesWanted: boolean | null = null;
  private energyFineGrain = false;
  private readonly inventories = new Map<number, (gpus: GpuInfo[]) => void>();
  private stopped: GpuUnavailable | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly deviceCount: number,
    private readonly now: () => number,
  ) {
    worker.on('message', (answer: NvmlWorkerAnswer) => this.answer(answer));
    worker.on('error', (error) => this.stop({ kind: 'nvml-worker-lost', detail: error.message }));
    worker.on('exit', () => this.stop({ kind: 'nvml-worker-lost', detail: null }));
  }

  /**
   * Start the worker and open NVML there. Resolves null when this build has no worker file (read on the
   * loop instead); rejects with NvmlUnavailableError when no candidate library opens, as openNvmlReader does.
   */
  static async open(
    candidates: string[],
    platform: NodeJS.Platform,
    now: () => number = Date.now,
    workerFile: string | null = findNvmlWorkerFromHere(),
  ): Promise<NvmlWorkerReader | null> {
    if (!workerFile) return null;
    const data: NvmlWorkerData = { candidates, platform };
    let worker: Worker;
    try {
      worker = new Worker(workerFile, {
        workerData: data,
        // From source (tests, `npm run loadout`), the worker needs the same TypeScript loader as its parent.
        ...(workerFile.endsWith('.ts') ? { execArgv: ['--import', 'tsx'] } : {}),
      });
    } catch {
      return null; // no such file, or workers are not allowed here: NVML on the loop still works
    }
    worker.unref(); // a driver that hangs must never keep the process alive
    const first = await new Promise<NvmlWorkerAnswer | Error>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', resolve);
      worker.once('exit', (code) => resolve(new Error(`the worker exited with code ${code}`)));
    });
    if (first instanceof Error) {
      void worker.terminate();
      return null; // the worker could not run here (a loader or bundling problem): NVML on the loop still works
    }
    if (first.type === 'failed') {
      void worker.terminate();
      throw new NvmlUnavailableError(first.message, first.libraryLoaded);
    }
    if (first.type !== 'opened')
      throw new NvmlUnavailableError(`NVML unavailable: unexpected worker answer ${first.type}.`);
    return new NvmlWorkerReader(worker, first.deviceCount, now);
  }

  private answer(answer: NvmlWorkerAnswer): void {
    if (answer.type === 'reading') {
      if (this.pending?.id !== answer.id || this.pending.seq !== answer.seq) {
        if (this.standing?.id === answer.id && answer.seq >= this.standing.nextSeq) this.early = answer;
        return; // else an answer that came after its cap: the next request supersedes it
      }
      this.fresh = answer.reading;
      this.last = answer.reading;
      const { done } = this.pending;
      this.pending = null;
      done();
    } else if (answer.type === 'inventory') {
      this.inventories.get(answer.id)?.(answer.gpus);
      this.inventories.delete(answer.id);
    }
  }

  /** The worker is gone: readings report it as lost so the monitor probes NVML again; waiters are released. */
  private stop(why: GpuUnavailable): void {
    this.stopped ??= why;
    this.pending?.done();
    this.pending = null;
    this.standing = null;
    this.early = null;
    for (const resolve of this.inventories.values()) resolve([]);
    this.inventories.clear();
  }

  /**
   * Ask the worker for a reading taken `delayMs` from now, and with `everyMs` every `everyMs` after (the
   * monitor's pace); resolves when it is in, or `NVML_ANSWER_CAP_MS` after it was due. A sample that falls
   * on the standing grid posts nothing: the worker reads it by itself.
   */
  readAfter(delayMs: number, everyMs = 0): Promise<void> {
    if (this.stopped) return new Promise((resolve) => setTimeout(resolve, delayMs));
    const dueAt = this.now() + delayMs;
    if (this.pending) {
      // The worker is still stuck in the previous read (a hung driver): ask nothing more, wait out the next cap.
      return new Promise((resolve) => setTimeout(resolve, delayMs + NVML_ANSWER_CAP_MS));
    }
    const standing = this.standing;
    let id: number;
    let seq: number;
    if (
      standing &&
      standing.everyMs === everyMs &&
      standing.processesWanted === this.processesWanted &&
      Math.abs(dueAt - standing.nextDueAt) <= standingSlackMs(everyMs)
    ) {
      id = standing.id;
      seq = standing.nextSeq++;
      standing.nextDueAt += everyMs;
      const early = this.early;
      this.early = null;
      if (early?.id === id && early.seq === seq) {
        this.fresh = this.last = early.reading;
        return Promise.resolve();
      }
    } else {
      id = this.nextId++;
      seq = 0;
      this.early = null;
      this.standing =
        everyMs > 0
          ? { id, nextSeq: 1, nextDueAt: dueAt + everyMs, everyMs, processesWanted: this.processesWanted }
          : null;
      this.post({ type: 'read', id, delayMs, everyMs, processesWanted: this.processesWanted });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id === id && this.pending.seq === seq) this.pending.overdue = true;
        resolve();
      }, delayMs + NVML_ANSWER_CAP_MS); // ref'd: it is the monitor's schedule now, as its own timer was
      this.pending = {
        id,
        seq,
        dueAt,
        overdue: false,
        done: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }

  /** A reading at once (off the loop); the monitor uses `readAfter` to time it. */
  prefetch(): Promise<void> {
    return this.readAfter(0);
  }

  read(): GpuReading {
    if (this.closing) return nvmlGapReading({ kind: 'nvml-closed' }, { processesToo: false });
    if (this.stopped) return nvmlGapReading(this.stopped, { lost: true });
    const fresh = this.fresh;
    this.fresh = null;
    if (fresh) return fresh;
    if (this.pending?.overdue) {
      const seconds = Math.round((this.now() - this.pending.dueAt) / 100) / 10;
      return nvmlGapReading({ kind: 'nvml-overdue', seconds });
    }
    return this.last ?? nvmlGapReading({ kind: 'nvml-not-read-yet' });
  }

  setProcessesWanted(wanted: boolean): void {
    this.processesWanted = wanted;
  }

  /** Told the worker at once on a change, so the read already waiting there (up to a sample ahead) follows it. */
  setEnergyFineGrain(wanted: boolean): void {
    if (wanted === this.energyFineGrain || this.stopped || this.closing) return;
    this.energyFineGrain = wanted;
    this.post({ type: 'energy-fine-grain', wanted });
  }

  inventory(): Promise<GpuInfo[]> {
    if (this.stopped) return Promise.resolve([]);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.inventories.set(id, resolve);
      this.post({ type: 'inventory', id });
    });
  }

  private post(request: NvmlWorkerRequest): void {
    this.worker.postMessage(request);
  }

  /** Shut NVML down on the worker, then end it; a worker stuck in the driver is terminated after a second. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.stopped) return;
      const closed = new Promise<void>((resolve) => {
        this.worker.on('message', (a: NvmlWorkerAnswer) => a.type === 'closed' && resolve());
        this.worker.once('exit', () => resolve());
        setTimeout(resolve, 1000).unref();
      });
      this.post({ type: 'close' });
      await closed;
      this.stop({ kind: 'nvml-closed' });
      void this.worker.terminate();
    })();
    return this.closing;
  }
}

function findNvmlWorkerFromHere(): string | null {
  const here = moduleDir();
  return here ? findNvmlWorker(here) : null;
}
