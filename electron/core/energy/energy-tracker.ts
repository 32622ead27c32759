/**
 * The energy tracker: fed every HardwareSample (tray app, `loadout monitor`, `loadout serve`), it
 * measures each GPU's energy (counter first, else trapezoid over `power.draw`), attributes each interval
 * to a state, the active preset and the loaded models, and flushes minute rollups to the ledger at
 * least once a minute, so a hard kill loses at most the last minute. Each reading is placed on the
 * sampler's (system) clock by its GPU's reading clock: the driver's spacing is kept (the 0.5 % accuracy
 * rests on it), but a driver clock hours off (nvidia-smi stamps local time without a zone) must not put
 * the ledger's minutes, or a request's overlap, hours away from when the energy was spent.
 */
import { randomUUID } from 'node:crypto';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { COUNTER_NOT_READ, ENERGY_COUNTER_PERIOD_MS } from '../../../shared/energy/counter-reads';
import {
  EnergyIntegrator,
  intervalJoulesBetween,
  type IntegrationStep,
} from '../../../shared/energy/energy-integrator';
import { classifyEnergyState, INFERRING_UTILIZATION_PERCENT } from '../../../shared/energy/gpu-state';
import { MINUTE_MS, MinuteRollupAccumulator, minuteStart } from '../../../shared/energy/minute-rollups';
import { ReadingClock } from '../../../shared/energy/reading-clock';
import type { EnergyContext, EnergyGap, EnergyInterval, EnergyMethod, EnergyState } from '../../../shared/energy/types';
import { listenerErrorsTo } from '../../../shared/events/listener-errors-to';
import { createEmitter, type TypedEmitter } from '../../../shared/events/typed-emitter';
import { isLocked } from '../db/database-errors';
import type { DbLockStatus, WriterLockReport } from '../db/db-lock-status';
import type { EnergyLedger } from './energy-ledger';
import { RequestEnergy, type RecordedRequest, type RequestInput } from './request-energy';

/** One GPU reading after attribution, for listeners such as the idle watchdog. */
export interface EnergyObservation {
  gpuKey: string;
  gpuName: string | null;
  tMs: number;
  powerW: number | null;
  powerLimitW: number | null;
  state: EnergyState;
}

export type { RecordedRequest, RequestInput } from './request-energy';

export interface EnergyTrackerOptions {
  /** Where rollups go; null keeps everything in memory (the database could not be opened). */
  ledger: EnergyLedger | null;
  /** Loadout's own state: active preset, loaded models, requests in flight. */
  getContext: () => EnergyContext;
  /** Samples further apart than this are a gap (settings.energy.gapLimitSeconds). */
  gapLimitSeconds: () => number;
  /** Wall clock (leases, flush timer). */
  now?: () => number;
  /** Real-time flush period for the minute in progress; complete minutes flush as soon as they close. */
  flushIntervalMs?: number;
  /** Identifies this process as a ledger writer. */
  writerId?: string;
  /** A write failed (disk full, locked by another process): the data stays in memory and is retried. */
  onError?: (error: unknown) => void;
  /** What a person should see about unsaved readings (the database locked for long, readings dropped). */
  onMessage?: (message: string) => void;
  /** While writes fail, at most this many minutes of rollups wait in memory; older ones are dropped (default 24 h). */
  maxUnsavedMinutes?: number;
  /** Told after each write whether another process's lock kept the minutes and the answers' records out (the windows' banner). */
  lockStatus?: Pick<DbLockStatus, 'writer'>;
  utilizationThreshold?: number;
  /**
   * How long (real ms) a request that ended after the latest booked reading waits for its intervals; default
   * the gap limit + one counter period (the read that books held readings) + 1 s.
   */
  requestTimeoutMs?: number;
}

/** What a reading is attributed to: the GPU's state, the active preset and the loaded models at that moment. */
interface Attribution {
  state: EnergyState;
  presetId: string | null;
  modelKeys: string[];
}

/** How long a writer's lease lasts without a heartbeat before another process takes over. */
export const WRITER_LEASE_MS = 90_000;
/** How many minutes a process that is not the writer keeps, to hand over without a hole. */
const FOLLOWER_KEEP_MS = 10 * MINUTE_MS;
/** How long measured intervals are kept in memory for request attribution. */
const RECENT_KEEP_MS = 2 * 3_600_000;

/** Energy tracker for all GPUs of one machine. */
export class EnergyTracker {
  private readonly integrators = new Map<string, EnergyIntegrator<Attribution>>();
  private readonly rollups = new MinuteRollupAccumulator();
  private readonly recent: EnergyInterval[] = [];
  /** Index of the oldest interval still kept in `recent` (dropping from the front one by one would be O(n) each). */
  private recentHead = 0;
  private pendingGaps: EnergyGap[] = [];
  /** Rollups and gaps dropped since writes began failing (reported to the windows while the lock lasts). */
  private unsavedDropped = 0;
  private readonly minutesLock: WriterLockReport | undefined;
  private readonly lastGap = new Map<string, EnergyGap>();
  private readonly events: TypedEmitter<{ observation: EnergyObservation }>;
  private timer: NodeJS.Timeout | null = null;
  private latestMs = -Infinity;
  private lastFlushMinute = -Infinity;
  /** The last successful flush's minute when dropped readings were last reported (one message per failing stretch). */
  private unsavedDropNotedAt: number | null = null;
  private readonly writerId: string;
  private readonly now: () => number;
  private totals = { joules: 0, counterJ: 0, powerJ: 0 };
  private ledger: EnergyLedger | null;
  /** Each GPU's latest reading time (Unix ms), to know whether a request's end may still be bracketed. */
  private readonly lastReadingMs = new Map<string, number>();
  /** Up to when each GPU's readings are booked (readings held for the next counter read are not yet). */
  private readonly bookedThroughMs = new Map<string, number>();
  /** Each GPU's reading clock: places its driver's timestamps on the system clock (requests and the ledger use it). */
  private readonly clocks = new Map<string, ReadingClock>();
  private readonly requests: RequestEnergy;

  constructor(private readonly options: EnergyTrackerOptions) {
    this.ledger = options.ledger;
    this.minutesLock = options.lockStatus?.writer('energy minutes');
    // A throwing listener (the watchdog) must not stop the readings' attribution or the flush.
    this.events = createEmitter(listenerErrorsTo(options.onMessage, 'energy tracker'));
    this.requests = new RequestEnergy({
      energyBetween: (a, b) => this.energyBetween(a, b),
      awaitingReadings: (endMs) => this.awaitingReadings(endMs),
      ledger: () => this.ledger,
      presetId: () => this.options.getContext().presetId,
      // The next reading, then up to a counter period more for the read that books it.
      timeoutMs: () =>
        this.options.requestTimeoutMs ?? this.options.gapLimitSeconds() * 1000 + ENERGY_COUNTER_PERIOD_MS + 1000,
      onError: (error) => this.options.onError?.(error),
      onMessage: (message) => this.options.onMessage?.(message),
      onLockState: options.lockStatus?.writer('energy of answers'),
    });
    this.writerId = options.writerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.now = options.now ?? Date.now;
  }

  /** Start the periodic flush (idempotent). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), this.options.flushIntervalMs ?? 30_000);
    this.timer.unref();
  }

  /** Flush what is in memory, give the writer lease up and stop the timer. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Readings still waiting for a counter read are booked from power: the next read will not come.
    for (const [gpuKey, integrator] of this.integrators) {
      this.book(gpuKey, integrator.flushHeld());
      this.bookedThroughMs.set(gpuKey, integrator.bookedThroughMs ?? -Infinity);
    }
    this.requests.settleAll();
    this.flush();
    try {
      this.ledger?.releaseLease(this.writerId);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Write to another ledger from now on (the database was reopened after damage); what is in memory goes there. */
  useLedger(ledger: EnergyLedger | null): void {
    this.requests.writeQueued();
    this.ledger = ledger;
    this.lastFlushMinute = -Infinity;
  }

  /** Receive every attributed reading; returns the unsubscribe function. */
  subscribe(listener: (o: EnergyObservation) => void): () => void {
    return this.events.on('observation', listener);
  }

  /** Energy measured by this process since it started (J), by method: a quick check for tests and the tray. */
  measured(): { joules: number; counterJ: number; powerJ: number } {
    return { ...this.totals };
  }

  /** Feed one hardware sample. */
  ingest(sample: HardwareSample): void {
    const context = this.options.getContext();
    const sampleMs = Date.parse(sample.timestamp);
    const gapLimitMs = this.options.gapLimitSeconds() * 1000;
    let closedMinute = false;
    for (const gpu of sample.gpus) {
      const gpuKey = gpu.uuid ?? `gpu${gpu.index}`;
      const driverMs = Date.parse(gpu.sampledAt ?? '');
      const clock = this.clocks.get(gpuKey) ?? new ReadingClock();
      this.clocks.set(gpuKey, clock);
      const tMs = clock.place(sampleMs, driverMs);
      let integrator = this.integrators.get(gpuKey);
      if (!integrator) {
        integrator = new EnergyIntegrator<Attribution>(gapLimitMs);
        this.integrators.set(gpuKey, integrator);
      }
      integrator.gapLimitMs = gapLimitMs;
      const state = classifyEnergyState(
        gpu.utilizationPercent,
        context,
        this.options.utilizationThreshold ?? INFERRING_UTILIZATION_PERCENT,
      );
      const attribution: Attribution = { state, presetId: context.presetId, modelKeys: [...context.loadedModelKeys] };
      // NVML reads the counter every few seconds: the samples between wait, then a read books them all at once.
      const counterMJ = gpu.energyCounterNotRead ? COUNTER_NOT_READ : gpu.energyCounterMJ;
      const steps = integrator.push({ tMs, powerW: gpu.powerW, counterMJ, tag: attribution });
      if (steps.some((step) => step.kind === 'first')) this.noteDowntime(gpuKey, tMs, gapLimitMs);
      closedMinute = this.book(gpuKey, steps) || closedMinute;
      if (Number.isFinite(tMs)) this.latestMs = Math.max(this.latestMs, tMs);
      if (steps[0]?.kind !== 'skipped') this.lastReadingMs.set(gpuKey, tMs);
      this.bookedThroughMs.set(gpuKey, integrator.bookedThroughMs ?? tMs);
      const observation: EnergyObservation = {
        gpuKey,
        gpuName: gpu.name,
        tMs,
        powerW: gpu.powerW,
        powerLimitW: gpu.powerLimitW,
        state,
      };
      this.events.emit('observation', observation);
    }
    if (closedMinute && minuteStart(this.latestMs) > this.lastFlushMinute) this.flush();
    this.requests.onReadings();
  }

  /** Attribute and keep the intervals and gaps one GPU's reading booked; true when one of them closed a minute. */
  private book(gpuKey: string, steps: IntegrationStep<Attribution>[]): boolean {
    let closedMinute = false;
    for (const step of steps) {
      if (step.kind === 'interval') {
        const seconds = (step.endMs - step.startMs) / 1000;
        // Each part carries what was attributed at its own end reading (a held span may cross a preset switch).
        const at = step.tag!; // every reading this tracker pushes carries its attribution
        const interval: EnergyInterval = {
          gpuKey,
          startMs: step.startMs,
          endMs: step.endMs,
          joules: step.joules,
          method: step.method,
          startW: step.startW,
          endW: step.endW,
          peakW: Math.max(step.startW ?? 0, step.endW ?? 0, step.method === 'counter' ? step.joules / seconds : 0),
          state: at.state,
          presetId: at.presetId,
          modelKeys: at.modelKeys,
        };
        this.rollups.add(interval);
        this.remember(interval);
        this.totals.joules += step.joules;
        if (step.method === 'counter') this.totals.counterJ += step.joules;
        else this.totals.powerJ += step.joules;
      } else if (step.kind === 'gap') {
        this.addGap({ gpuKey, startMs: step.startMs, endMs: step.endMs, reason: step.reason });
      } else continue;
      closedMinute ||= minuteStart(step.endMs) > minuteStart(step.startMs);
    }
    return closedMinute;
  }

  /**
   * Write rollups and gaps to the ledger when this process holds the writer lease; complete minutes
   * then leave memory. A process that is not the writer keeps the last minutes to take over without a hole.
   * Returns false when the write failed (the rollups stay in memory, bounded, for the next flush).
   */
  flush(): boolean {
    const ledger = this.ledger;
    const currentMinute = minuteStart(this.latestMs);
    if (!ledger || !Number.isFinite(currentMinute)) return true;
    try {
      if (ledger.acquireLease(this.writerId, this.now(), WRITER_LEASE_MS)) {
        ledger.write(this.rollups.snapshot(), this.pendingGaps, this.writerId);
        this.pendingGaps = [];
        // Keep the previous minute one flush longer: another GPU's late reading may still land in it.
        this.rollups.evictBefore(currentMinute - MINUTE_MS);
      } else {
        this.rollups.evictBefore(currentMinute - FOLLOWER_KEEP_MS);
        this.pendingGaps = this.pendingGaps.filter((g) => g.endMs >= currentMinute - FOLLOWER_KEEP_MS);
      }
      this.lastFlushMinute = currentMinute;
      this.unsavedDropped = 0;
      this.minutesLock?.({ locked: false, waiting: 0, dropped: 0 });
      return true;
    } catch (error) {
      this.options.onError?.(error);
      this.boundUnsaved(currentMinute);
      this.minutesLock?.({
        locked: isLocked(error),
        waiting: this.rollups.size + this.pendingGaps.length,
        dropped: this.unsavedDropped,
      });
      return false;
    }
  }

  /** Retry the answers' records a locked database kept out until written or `timeoutMs` passed; true when none wait. */
  drainRequests(timeoutMs: number): Promise<boolean> {
    return this.requests.drainUnwritten(timeoutMs);
  }

  /** Writes keep failing: drop what is older than the newest `maxUnsavedMinutes`, and say so once per episode. */
  private boundUnsaved(currentMinute: number): void {
    const keepFrom = currentMinute - (this.options.maxUnsavedMinutes ?? 24 * 60) * MINUTE_MS;
    const before = this.rollups.size + this.pendingGaps.length;
    this.rollups.evictBefore(keepFrom);
    this.pendingGaps = this.pendingGaps.filter((g) => g.endMs > keepFrom);
    const dropped = before - this.rollups.size - this.pendingGaps.length;
    this.unsavedDropped += Math.max(0, dropped);
    if (dropped > 0 && this.unsavedDropNotedAt !== this.lastFlushMinute) {
      this.unsavedDropNotedAt = this.lastFlushMinute;
      this.options.onMessage?.(
        `The energy ledger could not be written for more than ${this.options.maxUnsavedMinutes ?? 24 * 60} minutes (loadout.db locked by another program, or the disk failing), so the oldest unsaved readings are being dropped to keep memory bounded. Close the program that holds loadout.db (a database browser, a backup tool) or free disk space so Loadout can write again.`,
      );
    }
  }

  /**
   * Energy between two times on the system clock (the ledger's), from this process's readings, summed
   * over GPUs. Coverage says how much of the span the readings covered.
   */
  energyBetween(startMs: number, endMs: number): { joules: number; coveredMs: number; method: EnergyMethod | null } {
    let joules = 0;
    let method: EnergyMethod | null = null;
    const covered = new Map<string, number>();
    for (let k = this.recentHead; k < this.recent.length; k += 1) {
      const i = this.recent[k]!;
      const a = Math.max(startMs, i.startMs);
      const b = Math.min(endMs, i.endMs);
      if (b <= a) continue;
      joules += intervalJoulesBetween(i, a, b);
      covered.set(i.gpuKey, (covered.get(i.gpuKey) ?? 0) + (b - a));
      method = method === 'power-integration' || i.method === 'power-integration' ? 'power-integration' : 'counter';
    }
    return { joules, coveredMs: covered.size > 0 ? Math.max(...covered.values()) : 0, method };
  }

  /**
   * Record a request Loadout ran: its share of the GPU energy over its interval, and Wh per 1k tokens.
   * Resolves at once when readings bracket the request, else when the next reading lands (or after
   * `requestTimeoutMs`, with what there is and a note saying so). Never rejects; a bad interval throws at once.
   */
  recordRequest(input: RequestInput): Promise<RecordedRequest> {
    return this.requests.record(input);
  }

  /**
   * The same record, resolving with the request's energy as soon as it settles, without waiting for its
   * row's batched write (up to 25 ms): what an answer that reports its Wh waits for. A bad interval throws at once.
   */
  requestEnergy(input: RequestInput): Promise<{ energyJ: number | null }> {
    return new Promise((resolve) => void this.requests.record(input, (energyJ) => resolve({ energyJ })));
  }

  /**
   * Intervals that would bracket `endMs` (system time) may still come: some GPU's booked readings end before
   * it, and either its last reading is within the gap limit of it or readings after its booked end wait for
   * the next counter read (which books them, or the flush after MAX_HELD_COUNTER_MS does).
   */
  private awaitingReadings(endMs: number): boolean {
    const gapLimitMs = this.options.gapLimitSeconds() * 1000;
    for (const [gpuKey, last] of this.lastReadingMs) {
      const booked = this.bookedThroughMs.get(gpuKey) ?? last;
      if (booked < endMs && (endMs - last <= gapLimitMs || last > booked)) return true;
    }
    return false;
  }

  private remember(interval: EnergyInterval): void {
    this.recent.push(interval);
    const keepFrom = interval.endMs - RECENT_KEEP_MS;
    while (this.recentHead < this.recent.length && (this.recent[this.recentHead]?.endMs ?? Infinity) < keepFrom)
      this.recentHead += 1;
    if (this.recentHead > 1024 && this.recentHead * 2 > this.recent.length) {
      this.recent.splice(0, this.recentHead);
      this.recentHead = 0;
    }
  }

  /** The time between the ledger's last minute of this GPU and this process's first reading is a gap: nothing measured it. */
  private noteDowntime(gpuKey: string, tMs: number, gapLimitMs: number): void {
    let last: number | null = null;
    try {
      last = this.ledger?.lastRecordedEnd(gpuKey) ?? null;
    } catch (error) {
      this.options.onError?.(error);
    }
    // Another process may be writing with up to a flush period of delay: only a longer silence is downtime.
    if (last !== null && tMs - last > Math.max(gapLimitMs, WRITER_LEASE_MS)) {
      this.addGap({
        gpuKey,
        startMs: last,
        endMs: tMs,
        reason: 'not measured: no tray app, `loadout monitor` or `loadout serve` was running',
      });
    }
  }

  /** Consecutive gaps with the same reason (a GPU that never reports power) become one. */
  private addGap(gap: EnergyGap): void {
    const last = this.lastGap.get(gap.gpuKey);
    if (last && last.endMs === gap.startMs && last.reason === gap.reason) {
      last.endMs = gap.endMs;
      if (!this.pendingGaps.includes(last)) this.pendingGaps.push(last);
      return;
    }
    this.lastGap.set(gap.gpuKey, gap);
    this.pendingGaps.push(gap);
  }
}
