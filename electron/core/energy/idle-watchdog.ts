/**
 * The idle-power watchdog: a GPU drawing more than `thresholdW` above its own idle baseline for
 * `minutes` with no inference raises an event with the watts, the excess, what it costs per day, and
 * the suggestion to apply the Gaming preset (unload everything). The tray shows it and offers the action.
 */
import { IdleExcessDetector } from '../../../shared/energy/idle-excess';
import { idleBaseline, type IdleBaseline } from '../../../shared/energy/idle-baseline';
import { wordIdleAlert, type IdleAlertFigures } from '../../../shared/energy/idle-alert-words';
import { translator } from '../../../shared/i18n/translate';
import { priceAt } from '../../../shared/energy/tariff';
import { localParts } from '../../../shared/energy/report-period';
import type { Settings } from '../../../shared/settings/schema';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';
import type { EnergyLedger } from './energy-ledger';
import type { EnergyObservation, EnergyTracker } from './energy-tracker';

/** What the tray shows. */
export interface IdlePowerEvent {
  gpuKey: string;
  gpuName: string | null;
  since: string;
  /** Average draw over the episode (W). */
  watts: number;
  baselineW: number;
  baselineSource: IdleBaseline['source'];
  excessW: number;
  kWhPerDay: number;
  /** Cost per day of the excess at the current price, or null without a tariff. */
  costPerDay: number | null;
  currency: string;
  /** `message` is the English sentence (logs); `words` its figures, which each face words in its language. */
  suggestion: { action: 'apply-preset'; presetId: string; label: string; message: string; words: IdleAlertFigures };
}

export interface IdleWatchdogOptions {
  tracker: EnergyTracker;
  /** The ledger the baseline is learned from (a getter: it is replaced when a damaged database is reopened). */
  ledger: () => EnergyLedger | null;
  settings: () => Settings;
  /** The currency costs are in (from the settings and the locale). */
  currency: () => string;
  now?: () => number;
  /** Where a listener that threw is reported (default the console); the other listeners are still told. */
  onListenerError?: ListenerErrorReporter;
}

/** How often the learned baseline is re-read from the ledger. */
const BASELINE_REFRESH_MS = 5 * 60_000;
/** How far back idle-empty minutes count toward the learned baseline. */
const BASELINE_WINDOW_MS = 30 * 86_400_000;

/** Watches the tracker's readings and emits idle-power events. */
export class IdleWatchdog {
  private readonly detectors = new Map<string, IdleExcessDetector>();
  private readonly baselines = new Map<string, { value: IdleBaseline; readAt: number }>();
  private readonly events: TypedEmitter<{ alert: IdlePowerEvent }>;
  private unsubscribe: (() => void) | null = null;
  private configKey = '';
  private latest: IdlePowerEvent | null = null;
  private snoozedUntilMs = 0;

  constructor(private readonly options: IdleWatchdogOptions) {
    this.events = createEmitter(options.onListenerError);
  }

  /** Start watching (idempotent). */
  start(): void {
    this.unsubscribe ??= this.options.tracker.subscribe((o) => this.observe(o));
  }

  /** Stop watching. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Receive every idle-power event; returns the unsubscribe function. */
  subscribe(listener: (event: IdlePowerEvent) => void): () => void {
    return this.events.on('alert', listener);
  }

  /** The alert still standing: raised, not dismissed, and its excess not over yet (a window opened later shows it). */
  current(): IdlePowerEvent | null {
    return this.latest;
  }

  /**
   * Dismiss the standing alert. With `snoozeMinutes` > 0 no alert is raised until then ("don't warn for
   * 1 hour"); the episodes are forgotten too, so a GPU still wasting power afterwards is warned about
   * `minutes` after the snooze ends. The snooze lives in this process: restarting the app ends it.
   * Returns when the snooze ends (Unix ms), or null.
   */
  dismiss(snoozeMinutes = 0): number | null {
    this.latest = null;
    if (snoozeMinutes <= 0) return null;
    this.snoozedUntilMs = this.nowMs() + snoozeMinutes * 60_000;
    this.detectors.clear();
    return this.snoozedUntilMs;
  }

  private nowMs(): number {
    return (this.options.now ?? Date.now)();
  }

  /** The idle baseline of a GPU: learned from the ledger's idle-empty minutes, else from its power limit. */
  baselineFor(gpuKey: string, powerLimitW: number | null): IdleBaseline {
    const nowMs = this.nowMs();
    const cached = this.baselines.get(gpuKey);
    if (cached && nowMs - cached.readAt < BASELINE_REFRESH_MS) return cached.value;
    let minutes: number[];
    try {
      minutes = this.options.ledger()?.idleEmptyMinuteWatts(gpuKey, nowMs - BASELINE_WINDOW_MS) ?? [];
    } catch {
      // A busy or damaged ledger must not stop the watchdog: fall back to the default baseline.
      minutes = [];
    }
    const value = idleBaseline(minutes, powerLimitW);
    this.baselines.set(gpuKey, { value, readAt: nowMs });
    return value;
  }

  private observe(o: EnergyObservation): void {
    const settings = this.options.settings();
    const config = settings.energy.idleWatchdog;
    if (!config.enabled || this.nowMs() < this.snoozedUntilMs) return;
    const key = `${config.thresholdW}/${config.minutes}`;
    if (key !== this.configKey) {
      this.detectors.clear();
      this.configKey = key;
    }
    let detector = this.detectors.get(o.gpuKey);
    if (!detector) {
      detector = new IdleExcessDetector({ thresholdW: config.thresholdW, minutes: config.minutes });
      this.detectors.set(o.gpuKey, detector);
    }
    const baseline = this.baselineFor(o.gpuKey, o.powerLimitW);
    const alert = detector.observe({
      tMs: o.tMs,
      powerW: o.powerW,
      inferring: o.state === 'inferring',
      baselineW: baseline.watts,
    });
    if (this.latest?.gpuKey === o.gpuKey && !detector.inEpisode) this.latest = null; // the excess is over
    if (!alert) return;
    const local = localParts(alert.atMs);
    const price = priceAt(local.minute, local.dow, settings.energy.tariff, settings.energy.timeOfUse);
    const kWhPerDay = (alert.excessW * 24) / 1000;
    const gaming =
      settings.presets.find((p) => p.id === 'gaming') ?? settings.presets.find((p) => /gaming/i.test(p.name));
    const label = gaming?.name ?? 'Gaming';
    const currency = this.options.currency();
    const costPerDay = price === null ? null : Math.round(kWhPerDay * price * 10_000) / 10_000;
    const words: IdleAlertFigures = {
      gpu: o.gpuName ?? o.gpuKey,
      watts: round(alert.watts),
      excessW: round(alert.excessW),
      baselineW: round(baseline.watts),
      minutes: config.minutes,
      kWhPerDay: Math.round(kWhPerDay * 1000) / 1000,
      costPerDay: costPerDay === null ? null : { amount: costPerDay, currency },
      preset: { id: gaming?.id ?? 'gaming', name: label, builtIn: gaming?.builtIn ?? true },
    };
    const event: IdlePowerEvent = {
      gpuKey: o.gpuKey,
      gpuName: o.gpuName,
      since: new Date(alert.sinceMs).toISOString(),
      watts: words.watts,
      baselineW: words.baselineW,
      baselineSource: baseline.source,
      excessW: words.excessW,
      kWhPerDay: words.kWhPerDay,
      costPerDay,
      currency,
      suggestion: {
        action: 'apply-preset',
        presetId: words.preset.id,
        label,
        message: wordIdleAlert(words, translator('en'), 'en-US'),
        words,
      },
    };
    this.latest = event;
    this.events.emit('alert', event);
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
