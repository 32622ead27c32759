/**
 * Settings on disk: `config.json` in the data folder, written through `conf` (electron-store's base, so
 * the tray app shares the file) and read here, so that a hand edit is judged by the pure reader of
 * `shared/settings/settings-problem.ts`. A running Loadout never dies on a bad edit: it keeps the last
 * good settings and reports the problem once, naming the field; the file is left as the person wrote it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { SettingsSchema, defaultSettings, type Settings } from '../../../shared/settings/schema';
import {
  readSettingsText,
  settingsProblem,
  type SettingsProblem,
  type SettingsReading,
} from '../../../shared/settings/settings-problem';
import { createEmitter, type ListenerErrorReporter, type TypedEmitter } from '../../../shared/events/typed-emitter';

/** A problem of config.json as reported: the file and one sentence a person can act on. */
export interface SettingsFileProblem extends SettingsProblem {
  file: string;
  /** What happened, what Loadout does meanwhile and what to do. */
  message: string;
}

export interface SettingsStoreOptions {
  dataDir: string;
  /** Called once at open when the file had a problem (moved aside, or fields at their defaults), with a message a person can act on. */
  onRecovered?: (message: string) => void;
  /**
   * Opens the store over `<dataDir>/config.json` (default: conf). The tray app passes electron-store
   * (conf's Electron subclass) here, so the app and the CLI share the same file.
   */
  openConf?: (options: { cwd: string; configName: 'config' }) => Conf<Record<string, unknown>>;
  /** Where a problem listener that threw is reported (default the console); the other listeners are still told. */
  onListenerError?: ListenerErrorReporter;
}

/** Typed, validated access to config.json. */
export class SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;
  private readonly file: string;
  /**
   * The last good settings and the file identity they were checked at. The energy tracker and the idle
   * watchdog read settings on every 1-Hz sample, so a stat decides whether to read the file again
   * (another process, e.g. `loadout config set`, changes mtime/inode).
   */
  private cache: { fileKey: string; settings: Settings };
  private current: SettingsFileProblem | null = null;
  private readonly events: TypedEmitter<{ problem: SettingsFileProblem | null }>;
  /** Set when the file had a problem at open (moved aside, or read with some fields at their defaults). */
  readonly recoveryMessage: string | null = null;

  constructor(private readonly options: SettingsStoreOptions) {
    this.events = createEmitter(options.onListenerError);
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.file = path.join(options.dataDir, 'config.json');
    const fileKey = this.fileKey();
    const reading = this.read();
    let settings = reading.settings;
    let recovery: string | null = null;
    if (reading.problem && !settings) {
      // Nothing in it is usable (not JSON, not an object, a newer schema): keep it aside, start from defaults.
      const aside = path.join(options.dataDir, `config.damaged-${Date.now()}.json`);
      fs.renameSync(this.file, aside);
      recovery = `Settings file ${this.file} could not be used: ${reading.problem.detail}. It was moved to ${aside} and Loadout started with default settings; copy back what you need from it.`;
      settings = defaultSettings();
    } else if (reading.problem) {
      this.current = this.describe(reading.problem, 'uses the defaults for those fields');
      recovery = this.current.message;
    }
    this.conf = this.open();
    this.cache = { fileKey: recovery && !this.current ? this.fileKey() : fileKey, settings: settings! };
    this.recoveryMessage = recovery;
    if (recovery) options.onRecovered?.(recovery);
  }

  private open(): Conf<Record<string, unknown>> {
    if (this.options.openConf) return this.options.openConf({ cwd: this.options.dataDir, configName: 'config' });
    return new Conf<Record<string, unknown>>({
      cwd: this.options.dataDir,
      configName: 'config',
      projectName: 'loadout',
    });
  }

  /** The file as it is now: a missing file is the defaults; anything else goes through the pure reader. */
  private read(): SettingsReading {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), problem: null };
      return {
        settings: null,
        problem: settingsProblem('file', [{ kind: 'unreadable', detail: (error as Error).message }]),
      };
    }
    return readSettingsText(text);
  }

  private describe(problem: SettingsProblem, meanwhile: string): SettingsFileProblem {
    return {
      ...problem,
      file: this.file,
      message: `Settings file ${this.file} has a problem: ${problem.detail}. Loadout ${meanwhile} and did not change the file; fix it (or run \`loadout config set\`) and it is read again.`,
    };
  }

  /** The path of config.json. */
  get path(): string {
    return this.file;
  }

  /** What is wrong with config.json right now (null when nothing is), as last reported. */
  get problem(): SettingsFileProblem | null {
    return this.current;
  }

  /** Be told when config.json gets a problem, a different one, or is fixed (null); returns the unsubscribe function. */
  onProblem(listener: (problem: SettingsFileProblem | null) => void): () => void {
    return this.events.on('problem', listener);
  }

  private report(problem: SettingsFileProblem | null): void {
    if ((problem?.message ?? null) === (this.current?.message ?? null)) return;
    this.current = problem;
    this.events.emit('problem', problem);
  }

  /**
   * The current settings, migrated and with defaults filled in (a fresh copy each call: callers may change
   * it). Never throws: while the file on disk has a problem, the last good settings stay in force.
   */
  get(): Settings {
    const fileKey = this.fileKey();
    if (this.cache.fileKey !== fileKey) {
      const reading = this.read();
      if (reading.problem) this.report(this.describe(reading.problem, 'keeps the last good settings'));
      else this.report(null);
      if (!reading.problem) this.cache = { fileKey, settings: reading.settings };
      else this.cache = { ...this.cache, fileKey };
    }
    return structuredClone(this.cache.settings);
  }

  /**
   * Validate and write a whole settings object; throws a zod error (nothing written) when invalid. A file
   * on disk with a problem is first moved aside (config.damaged-….json), so a hand edit is never lost.
   */
  set(next: Settings): Settings {
    const parsed = SettingsSchema.parse(next);
    this.get();
    if (this.current && fs.existsSync(this.file)) {
      const aside = path.join(this.options.dataDir, `config.damaged-${Date.now()}.json`);
      fs.renameSync(this.file, aside);
      this.options.onRecovered?.(
        `Settings file ${this.file} had a problem (${this.current.detail}); it was kept as ${aside} and the settings were saved over it.`,
      );
    }
    this.conf.store = parsed as unknown as Record<string, unknown>;
    this.cache = { fileKey: this.fileKey(), settings: structuredClone(parsed) };
    this.report(null);
    return parsed;
  }

  /** Identifies the file's current version without reading it: inode, size and modification time. */
  private fileKey(): string {
    const stat = fs.statSync(this.file, { throwIfNoEntry: false, bigint: true });
    return stat ? `${stat.ino}:${stat.size}:${stat.mtimeNs}` : 'missing';
  }

  /** Apply a change to the current settings and save it. */
  update(change: (current: Settings) => Settings): Settings {
    return this.set(change(this.get()));
  }
}
