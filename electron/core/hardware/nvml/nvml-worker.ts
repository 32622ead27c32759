/**
 * The worker thread that owns NVML (see nvml-worker-reader.ts): it opens the library, and answers each
 * `read` request with a plain GpuReading, so none of a sample's ~15 driver calls per GPU (the 4-ms
 * energy counter among them) runs on the app's event loop. Built as its own entry (electron.vite.config.ts,
 * scripts/build-cli.mjs); under tsx and vitest it runs from this source.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { GpuReading } from '../gpu-reader';
import type { GpuInfo } from '../../../../shared/hardware/inventory';
import { NvmlUnavailableError, openNvmlReader, type NvmlGpuReader } from './nvml-reader';

/** What the worker is started with. */
export interface NvmlWorkerData {
  candidates: string[];
  platform: NodeJS.Platform;
}

/**
 * Requests from the event loop. `read` runs after `delayMs`, so the answer is what wakes the loop for a sample;
 * with `everyMs` > 0 it stands: the worker reads again every `everyMs` on the same grid (answers numbered by
 * `seq`) until the next `read` or `close`, so a sample on schedule costs one message and one wake-up per
 * thread instead of a request and a reply (bench/RESULTS.md, issue 20).
 */
export type NvmlWorkerRequest =
  | { type: 'read'; id: number; delayMs: number; everyMs: number; processesWanted: boolean | null }
  | { type: 'inventory'; id: number }
  /** Sent when it changes, at once: a read already waiting on the worker's timer follows it. */
  | { type: 'energy-fine-grain'; wanted: boolean }
  | { type: 'close' };

/** Answers to the event loop. */
export type NvmlWorkerAnswer =
  | { type: 'opened'; deviceCount: number }
  | { type: 'failed'; message: string; libraryLoaded: boolean }
  /** The `seq`-th reading of request `id` (0 the first; 1, 2… its standing reads). */
  | { type: 'reading'; id: number; seq: number; reading: GpuReading }
  | { type: 'inventory'; id: number; gpus: GpuInfo[] }
  | { type: 'closed' };

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const post = (answer: NvmlWorkerAnswer) => port.postMessage(answer);
  const data = workerData as NvmlWorkerData;
  let reader: NvmlGpuReader;
  try {
    reader = await openNvmlReader(data.candidates, data.platform);
  } catch (error) {
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      libraryLoaded: error instanceof NvmlUnavailableError && error.libraryLoaded,
    });
    return;
  }
  post({ type: 'opened', deviceCount: reader.deviceCount });
  /** The standing read's timer: one at a time, replaced by each `read` request. */
  let timer: ReturnType<typeof setTimeout> | null = null;
  const readAt = (request: Extract<NvmlWorkerRequest, { type: 'read' }>, seq: number, dueAt: number) => {
    timer = setTimeout(
      () => {
        timer = null;
        // A reader that lists processes only while asked follows the event loop's wish (none does yet: NVML's listing is cheap).
        if (request.processesWanted !== null)
          (reader as { setProcessesWanted?(w: boolean): void }).setProcessesWanted?.(request.processesWanted);
        let reading: GpuReading;
        try {
          reading = reader.read();
        } catch (error) {
          const why = `NVML failed: ${error instanceof Error ? error.message : String(error)}`;
          reading = { gpus: [], unavailableReason: why, processes: null, processesUnavailableReason: why };
        }
        post({ type: 'reading', id: request.id, seq, reading });
        if (request.everyMs <= 0) return;
        // The next sample's read on the loop's grid; after a read that outlasted a period (a hung driver), a
        // period from now rather than a burst to catch up: the loop then sees it off schedule and asks afresh.
        const next = dueAt + request.everyMs;
        const now = Date.now();
        readAt(request, seq + 1, next > now ? next : now + request.everyMs);
      },
      Math.max(0, dueAt - Date.now()),
    );
  };
  port.on('message', (request: NvmlWorkerRequest) => {
    if (request.type === 'read') {
      if (timer) clearTimeout(timer);
      readAt(request, 0, Date.now() + request.delayMs);
    } else if (request.type === 'energy-fine-grain') {
      reader.setEnergyFineGrain(request.wanted);
    } else if (request.type === 'inventory') {
      void reader.inventory().then((gpus) => post({ type: 'inventory', id: request.id, gpus }));
    } else {
      if (timer) clearTimeout(timer);
      void reader.close().then(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
}

void serve();
