/**
 * Settings on disk: `config.json` in the data folder, read and written through `conf` (electron-store's
 * base, so the tray app shares the file). Everything read passes the pure migrations and the zod schema;
 * a file that cannot be read is moved aside and reported, never silently overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import { migrateSettings } from '../../../shared/settings/migrate';
import { SettingsSchema, type Settings } from '../../../shared/settings/schema';

export interface SettingsStoreOptions {
  dataDir: string;
  /** Called once when a damaged file was moved aside, with a message a person can act on. */
  onRecovered?: (message: string) => void;
  /**
   * Opens the store over `<dataDir>/config.json` (default: conf). The tray app passes electron-store
   * (conf's Electron subclass) here, so the app and the CLI share the same file.
   */
  openConf?: (options: { cwd: string; configName: 'config' }) => Conf<Record<string, unknown>>;
}

/** Typed, validated access to config.json. */
export class SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>;
  /**
   * The last parsed settings and the file identity they came from. The energy tracker and the idle
   * watchdog read settings on every 1-Hz sample; conf re-reads and we re-parse the whole file each
   * time, so a stat decides instead (another process, e.g. `loadout config set`, changes mtime/inode).
   */
  private cache: { fileKey: string; settings: Settings } | null = null;
  /** Set when the file on disk was damaged and moved aside at open. */
  readonly recoveryMessage: string | null = null;

  constructor(private readonly options: SettingsStoreOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const file = path.join(options.dataDir, 'config.json');
    let conf: Conf<Record<string, unknown>>;
    let recovery: string | null = null;
    try {
      conf = this.open();
      SettingsSchema.parse(migrateSettings(conf.store));
    } catch (error) {
      if (!fs.existsSync(file)) throw error;
      const aside = path.join(options.dataDir, `config.damaged-${Date.now()}.json`);
      fs.renameSync(file, aside);
      recovery = `Settings file could not be read (${firstLine(error)}). It was moved to ${aside} and Loadout started with default settings; copy back what you need from it.`;
      conf = this.open();
    }
    this.conf = conf;
    this.recoveryMessage = recovery;
    if (recovery) options.onRecovered?.(recovery);
  }

  private open(): Conf<Record<string, unknown>> {
    if (this.options.openConf) return this.options.openConf({ cwd: this.options.dataDir, configName: 'config' });
    return new Conf<Record<string, unknown>>({ cwd: this.options.dataDir, configName: 'config', projectName: 'loadout' });
  }

  /** The path of config.json. */
  get path(): string {
    return this.conf.path;
  }

  /** The current settings, migrated and with defaults filled in (a fresh copy each call: callers may change it). */
  get(): Settings {
    const fileKey = this.fileKey();
    if (this.cache?.fileKey !== fileKey) {
      this.cache = { fileKey, settings: SettingsSchema.parse(migrateSettings(this.conf.store)) };
    }
    return structuredClone(this.cache.settings);
  }

  /** Validate and write a whole settings object; throws a zod error (nothing written) when invalid. */
  set(next: Settings): Settings {
    const parsed = SettingsSchema.parse(next);
    this.conf.store = parsed as unknown as Record<string, unknown>;
    this.cache = { fileKey: this.fileKey(), settings: structuredClone(parsed) };
    return parsed;
  }

  /** Identifies the file's current version without reading it: inode, size and modification time. */
  private fileKey(): string {
    const stat = fs.statSync(this.conf.path, { throwIfNoEntry: false, bigint: true });
    return stat ? `${stat.ino}:${stat.size}:${stat.mtimeNs}` : 'missing';
  }

  /** Apply a change to the current settings and save it. */
  update(change: (current: Settings) => Settings): Settings {
    return this.set(change(this.get()));
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
