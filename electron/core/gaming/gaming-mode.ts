/**
 * Gaming mode (issue 19): when a game starts, remember the loaded set, wait for a generating model the way
 * every unload does (the busy guard, then "Unload anyway"), unload everything and slow the hardware
 * sampler; when the last game ends, wait `gaming.restoreAfterSeconds` (a game back inside that window
 * changes nothing) and put the set back through the planner and the memory check, or the preset named in
 * `gaming.restorePreset`. A set that cannot come back (LM Studio down, no room) is kept for "Restore
 * models now"; a preset the user applied meanwhile wins. Detection is injected (detect-games.ts).
 */
import type {
  GamingNotice,
  GamingOutcome,
  GamingPhase,
  GamingSession,
  GamingStatus,
} from '../../../shared/contract/gaming';
import type { PresetProgress } from '../../../shared/contract/presets';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';
import { wordGamingNotice } from '../../../shared/gaming/gaming-notice';
import { translator } from '../../../shared/i18n/translate';
import type { Preset } from '../../../shared/presets/schema';
import type { LmStudioClient } from '../lmstudio/client-types';
import type { BusyModel } from '../presets/executor';
import type { PresetsService } from '../presets/presets-service';
import type { SettingsAccess } from '../presets/preset-store';
import type { GameDetector } from './game-check';
import { GAMING_RESTORE_ID, nextRemembered, rememberedAsPreset, type RememberedSet } from './remembered-set';

/** The timers gaming mode schedules with (tests pass a manual clock). */
export interface GamingTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The hardware sampler's pace: slowed while a game holds the GPU, so Loadout does not keep it awake. */
export interface SamplerPace {
  slow(): void;
  resume(): void;
}

export interface GamingModeDeps {
  settings: Pick<SettingsAccess, 'get' | 'update'>;
  presets: Pick<PresetsService, 'apply' | 'unload' | 'onProgress'> & {
    store: Pick<PresetsService['store'], 'list' | 'activeId'>;
  };
  lmstudio: Pick<LmStudioClient, 'listLoaded'>;
  detector: GameDetector;
  sampler?: SamplerPace;
  timers?: GamingTimers;
  now?: () => number;
  /** Each finished session (the ledger line); the status keeps the latest ones too. */
  onSession?: (session: GamingSession) => void;
  /** Sessions kept from before (newest first), shown in the status; a function is read only when first needed. */
  history?: GamingSession[] | (() => GamingSession[]);
  /** The GPU energy spent during a session (Wh), from the energy ledger; null or absent when unknown. */
  energyWh?: (session: GamingSession) => number | null;
  onListenerError?: ListenerErrorReporter;
}

const HISTORY_KEPT = 20;
/** How many recent sessions the status carries with duration and energy (the monitor window's lines). */
export const SESSIONS_SHOWN = 5;

const nodeTimers: GamingTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The result of "Restore models now" (and of the automatic restore). */
export interface RestoreResult {
  result: 'ok' | 'refused' | 'failed' | 'nothing';
  message: string | null;
}

/** Gaming mode (see the module comment). Nothing runs until `start()`. */
export class GamingMode {
  private readonly events: TypedEmitter<{ changed: GamingStatus }>;
  private readonly timers: GamingTimers;
  private readonly now: () => number;
  private phase: GamingPhase = 'off';
  private games: string[] = [];
  /** Games running when the user restored by hand: they do not take the GPU again until they end. */
  private readonly ignored = new Set<string>();
  private sessionGame: string | null = null;
  private since: number | null = null;
  private restoreAt: number | null = null;
  private remembered: RememberedSet | null = null;
  private busyModels: string[] = [];
  private message: string | null = null;
  /** `message` as data when it is a gaming notice (a window words it in its language). */
  private notice: GamingNotice | null = null;
  /** What the last detection pass could not see (a 'detection-failed' notice), or null. */
  private detectionProblem: GamingNotice | null = null;
  private historyCache: GamingSession[] | null = null;
  private userSwitched = false;
  private ownApply = false;
  private answerAsk: ((yes: boolean) => void) | null = null;
  private sessionAbort: AbortController | null = null;
  private pollHandle: unknown = null;
  private graceHandle: unknown = null;
  private checking = false;
  private slowed = false;
  private stopped = true;
  private offProgress: (() => void) | null = null;
  /** The unload or restore running now (for `settled`). */
  private work: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: GamingModeDeps) {
    this.events = createEmitter<{ changed: GamingStatus }>(deps.onListenerError);
    this.timers = deps.timers ?? nodeTimers;
    this.now = deps.now ?? Date.now;
  }

  /** The kept sessions, newest first, read from `deps.history` the first time they are needed. */
  private get history(): GamingSession[] {
    if (!this.historyCache) {
      const kept = this.deps.history;
      this.historyCache = (typeof kept === 'function' ? kept() : (kept ?? [])).slice(0, HISTORY_KEPT);
    }
    return this.historyCache;
  }

  /** Start watching (the tray app and `loadout serve`); detection runs only while `gaming.enabled` is on. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.offProgress = this.deps.presets.onProgress((p) => this.noticeSwitch(p));
    this.schedulePoll(0);
  }

  /** Stop watching and release the timers; the remembered set stays for `restoreNow`. */
  stop(): void {
    this.stopped = true;
    this.offProgress?.();
    this.offProgress = null;
    this.clearPoll();
    this.clearGrace();
    this.answerAsk?.(false);
    this.sessionAbort?.abort();
    this.resumeSampler();
  }

  /** Receive the status at every change; returns the unsubscribe function. */
  onChanged(listener: (status: GamingStatus) => void): () => void {
    return this.events.on('changed', listener);
  }

  /** Where gaming mode stands. */
  status(): GamingStatus {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const busyPhase = this.phase === 'unloading' || this.phase === 'restoring';
    return {
      enabled: this.deps.settings.get().gaming.enabled,
      phase: this.phase,
      games: [...this.games],
      since: iso(this.since),
      restoreAt: iso(this.restoreAt),
      remembered: this.remembered
        ? {
            models: this.remembered.instances.map((i) => ({ key: i.modelKey, instanceId: i.instanceId })),
            presetId: this.remembered.presetId,
          }
        : null,
      canRestore: !busyPhase && this.phase !== 'asking' && this.hasSomethingToRestore(),
      busyModels: [...this.busyModels],
      message: this.message ?? (this.detectionProblem && wordGamingNotice(this.detectionProblem, translator('en'))),
      notice: this.message ? this.notice : this.detectionProblem,
      history: [...this.history],
      sessions: this.history.slice(0, SESSIONS_SHOWN).map((s) => ({
        ...s,
        durationMs: Math.max(0, Date.parse(s.endedAt) - Date.parse(s.startedAt)),
        energyWh: this.deps.energyWh?.(s) ?? null,
      })),
    };
  }

  /**
   * Whether a game holds this machine's GPU: from the moment one is seen until its models are back (or the
   * mode gives up on them). MCP `ask` declines and routing skips the local machine meanwhile.
   */
  holdsGpu(): boolean {
    return this.phase === 'unloading' || this.phase === 'asking' || this.phase === 'holding' || this.phase === 'grace';
  }

  /** Turn the mode on or off (the `gaming.enabled` setting); off leaves the remembered set for `restoreNow`. */
  async setEnabled(enabled: boolean): Promise<GamingStatus> {
    this.deps.settings.update((s) => ({ ...s, gaming: { ...s.gaming, enabled } }));
    if (!enabled) this.turnOff();
    else if (!this.stopped) await this.checkNow();
    this.announce();
    return this.status();
  }

  /** Resolves when the unload or restore running now (and any it led to) is over. */
  async settled(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.work;
      await seen;
    } while (seen !== this.work);
  }

  /** Say yes to "a model is still generating": unload it now. */
  unloadAnyway(): GamingStatus {
    this.answerAsk?.(true);
    return this.status();
  }

  /** One detection pass now (the poll calls this; so do tests and `setEnabled`). */
  async checkNow(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      if (!this.deps.settings.get().gaming.enabled) {
        if (this.phase !== 'off') this.turnOff();
        return;
      }
      if (this.phase === 'off') this.setPhase('watching');
      const pass = await this.deps.detector.check();
      let found = pass.games.map((g) => g.name);
      // A pass that could not see everything never ends a game: the ones it missed may still run.
      if (!pass.complete) found = [...new Set([...found, ...this.games])];
      const problem: GamingNotice | null = pass.problems.length
        ? { kind: 'detection-failed', problems: pass.problems }
        : null;
      if (JSON.stringify(problem) !== JSON.stringify(this.detectionProblem)) {
        this.detectionProblem = problem;
        this.announce();
      }
      for (const name of [...this.ignored]) if (!found.includes(name)) this.ignored.delete(name);
      this.react(found.filter((name) => !this.ignored.has(name)));
    } finally {
      this.checking = false;
    }
  }

  /** Put the remembered set (or `gaming.restorePreset`) back now, even while a game runs. */
  async restoreNow(): Promise<RestoreResult> {
    if (this.phase === 'restoring' || this.phase === 'unloading' || this.phase === 'asking')
      return { result: 'refused', message: `Gaming mode is ${this.phase} right now; try again in a moment.` };
    // The games running now have been given up on: they take the GPU again only after they end and start again.
    for (const game of this.games) this.ignored.add(game);
    this.clearGrace();
    return this.restore(true);
  }

  private react(found: string[]): void {
    const was = this.games;
    this.games = found;
    const changed = was.length !== found.length || was.some((g, i) => g !== found[i]);
    if (found.length > 0) {
      if (this.phase === 'watching') this.work = this.beginSession(found[0]!);
      else if (this.phase === 'grace') {
        // Back inside the window: no reload, no second unload.
        this.clearGrace();
        this.setPhase('holding');
      }
    } else if (this.phase === 'holding') {
      const seconds = this.deps.settings.get().gaming.restoreAfterSeconds;
      this.restoreAt = this.now() + seconds * 1000;
      this.setPhase('grace');
      this.graceHandle = this.timers.setTimeout(() => {
        this.graceHandle = null;
        this.work = this.restore(false);
      }, seconds * 1000);
    } else if (this.phase === 'unloading' || this.phase === 'asking') {
      // The game ended before the GPU was taken: stop asking, unload nothing more.
      this.answerAsk?.(false);
      this.sessionAbort?.abort();
    }
    if (changed) this.announce();
  }

  private async beginSession(game: string): Promise<void> {
    this.sessionGame = game;
    this.since = this.now();
    this.userSwitched = false;
    this.message = null;
    this.notice = null;
    this.setPhase('unloading');
    try {
      const loaded = await this.deps.lmstudio.listLoaded();
      this.remembered = nextRemembered(
        { instances: loaded, presetId: this.deps.presets.store.activeId() },
        this.remembered,
      );
    } catch {
      // LM Studio not answering: nothing is loaded through it now; a set still waiting from before is kept.
    }
    const abort = new AbortController();
    this.sessionAbort = abort;
    // Pinned models go too: the game needs the VRAM, and the restore puts them back.
    const outcome = await this.deps.presets.unload(
      { all: true, includePinned: true },
      { signal: abort.signal, confirmBusy: (busy) => this.ask(busy) },
    );
    this.sessionAbort = null;
    this.busyModels = [];
    if (this.stopped) return;
    if (outcome.result === 'ok' || outcome.result === 'failed') {
      if (outcome.result === 'failed') this.tell({ kind: 'unload-failed', game, detail: outcome.message ?? 'failed' });
      this.slowSampler();
      this.setPhase('holding');
      // The game may have ended while the models were going.
      if (this.games.length === 0) this.react([]);
      return;
    }
    // Refused (the answer went on and nobody said "Unload anyway") or cancelled (the game ended first).
    this.finishSession('not-unloaded', outcome.message);
    this.remembered = null;
    if (this.games.length > 0) this.ignoreCurrentGames();
    this.setPhase(this.deps.settings.get().gaming.enabled ? 'watching' : 'off');
  }

  private ask(busy: BusyModel[]): Promise<boolean> {
    if (this.sessionAbort?.signal.aborted || this.games.length === 0) return Promise.resolve(false);
    this.busyModels = busy.map((b) => b.modelKey);
    this.setPhase('asking');
    return new Promise<boolean>((resolve) => {
      this.answerAsk = (yes) => {
        this.answerAsk = null;
        if (yes) this.setPhase('unloading');
        resolve(yes);
      };
    });
  }

  private async restore(byHand: boolean): Promise<RestoreResult> {
    this.restoreAt = null;
    const settings = this.deps.settings.get().gaming;
    const game = this.sessionGame ?? 'a game';
    if (this.userSwitched) return this.endRestore('preset-switched', null, { result: 'nothing', message: null });
    if (!settings.restore && !byHand) return this.endRestore('restore-off', null, { result: 'nothing', message: null });
    const target = this.restoreTarget(settings.restorePreset);
    if (!target) return this.endRestore('nothing-to-restore', null, { result: 'nothing', message: null });
    this.setPhase('restoring');
    this.ownApply = true;
    let outcome;
    try {
      outcome =
        target.kind === 'preset'
          ? await this.deps.presets.apply(target.preset.id)
          : await this.deps.presets.apply(rememberedAsPreset(target.set), { activeAfter: target.set.presetId });
    } finally {
      this.ownApply = false;
    }
    const what = target.kind === 'preset' ? target.preset.name : target.set.instances.map((i) => i.modelKey).join(', ');
    if (outcome.result === 'ok') {
      this.remembered = null;
      const note = target.note && wordGamingNotice(target.note, translator('en'));
      return this.endRestore('restored', what, { result: 'ok', message: note }, note, target.note);
    }
    const notice: GamingNotice = { kind: 'restore-failed', game, detail: outcome.message ?? outcome.result };
    const message = wordGamingNotice(notice, translator('en'));
    return this.endRestore(
      'restore-failed',
      what,
      { result: outcome.result === 'refused' ? 'refused' : 'failed', message },
      message,
      notice,
    );
  }

  private restoreTarget(
    restorePreset: string | null,
  ):
    | { kind: 'preset'; preset: Preset; note: null }
    | { kind: 'set'; set: RememberedSet; note: GamingNotice | null }
    | null {
    let note: GamingNotice | null = null;
    if (restorePreset) {
      const wanted = restorePreset.toLowerCase();
      const presets = this.deps.presets.store.list();
      const preset =
        presets.find((p) => p.id.toLowerCase() === wanted) ?? presets.find((p) => p.name.toLowerCase() === wanted);
      if (preset) return { kind: 'preset', preset, note: null };
      note = { kind: 'restore-preset-missing', preset: restorePreset, presets: presets.map((p) => p.id) };
    }
    if (!this.remembered || this.remembered.instances.length === 0) return null;
    return { kind: 'set', set: this.remembered, note };
  }

  /** Keep a notice for the status, with its English wording as `message`. */
  private tell(notice: GamingNotice): void {
    this.notice = notice;
    this.message = wordGamingNotice(notice, translator('en'));
  }

  private endRestore(
    outcome: GamingOutcome,
    detail: string | null,
    result: RestoreResult,
    message: string | null = null,
    notice: GamingNotice | null = null,
  ): RestoreResult {
    if (outcome !== 'restore-failed') this.remembered = null;
    this.finishSession(outcome, detail);
    this.message = message;
    this.notice = notice;
    this.resumeSampler();
    this.sessionGame = null;
    this.since = null;
    this.setPhase(this.stopped || !this.deps.settings.get().gaming.enabled ? 'off' : 'watching');
    return result;
  }

  private finishSession(outcome: GamingOutcome, detail: string | null): void {
    if (this.sessionGame === null || this.since === null) return;
    const session: GamingSession = {
      game: this.sessionGame,
      startedAt: new Date(this.since).toISOString(),
      endedAt: new Date(this.now()).toISOString(),
      outcome,
      detail,
    };
    this.history.unshift(session);
    this.history.length = Math.min(this.history.length, HISTORY_KEPT);
    this.deps.onSession?.(session);
  }

  /** A preset applied by someone else while a game holds the GPU wins over the restore. */
  private noticeSwitch(progress: PresetProgress): void {
    if (this.ownApply || progress.phase !== 'planning' || progress.presetId === GAMING_RESTORE_ID) return;
    if (this.phase === 'holding' || this.phase === 'grace' || this.phase === 'unloading' || this.phase === 'asking')
      this.userSwitched = true;
  }

  private turnOff(): void {
    this.clearGrace();
    this.answerAsk?.(false);
    this.sessionAbort?.abort();
    this.resumeSampler();
    this.games = [];
    this.ignored.clear();
    this.restoreAt = null;
    if (this.phase === 'holding' || this.phase === 'grace') {
      this.finishSession('restore-off', 'gaming mode turned off');
      this.sessionGame = null;
      this.since = null;
    }
    this.setPhase('off');
  }

  private ignoreCurrentGames(): void {
    for (const game of this.games) this.ignored.add(game);
  }

  private hasSomethingToRestore(): boolean {
    return (this.remembered?.instances.length ?? 0) > 0 || this.deps.settings.get().gaming.restorePreset !== null;
  }

  private schedulePoll(ms: number): void {
    this.clearPoll();
    this.pollHandle = this.timers.setTimeout(() => {
      this.pollHandle = null;
      void this.checkNow().finally(() => {
        if (!this.stopped) this.schedulePoll(this.deps.settings.get().gaming.checkIntervalSeconds * 1000);
      });
    }, ms);
  }

  private clearPoll(): void {
    if (this.pollHandle !== null) this.timers.clearTimeout(this.pollHandle);
    this.pollHandle = null;
  }

  private clearGrace(): void {
    if (this.graceHandle !== null) this.timers.clearTimeout(this.graceHandle);
    this.graceHandle = null;
    this.restoreAt = null;
  }

  private slowSampler(): void {
    if (this.slowed) return;
    this.slowed = true;
    this.deps.sampler?.slow();
  }

  private resumeSampler(): void {
    if (!this.slowed) return;
    this.slowed = false;
    this.deps.sampler?.resume();
  }

  private setPhase(phase: GamingPhase): void {
    if (phase !== 'asking') this.busyModels = phase === 'unloading' ? this.busyModels : [];
    this.phase = phase;
    this.announce();
  }

  private announce(): void {
    this.events.emit('changed', this.status());
  }
}
