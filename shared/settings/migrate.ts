/**
 * Pure migrations from every past settings shape to the current one. Each step takes the raw object
 * of version N and returns version N+1; unknown input becomes an empty object (the schema's defaults).
 */
import { SETTINGS_SCHEMA_VERSION } from './schema';

type Raw = Record<string, unknown>;
const steps: Record<number, (raw: Raw) => Raw> = {
  // 0 → 1: pre-release files had no schemaVersion and kept the LM Studio URL at the top level.
  0: (raw) => {
    const { lmstudioUrl, ...rest } = raw;
    const lmstudio = { ...(rest.lmstudio as Raw | undefined) };
    if (typeof lmstudioUrl === 'string' && lmstudio.baseUrl === undefined) lmstudio.baseUrl = lmstudioUrl;
    return { ...rest, lmstudio, schemaVersion: 1 };
  },
  // 1 → 2: `routing.endpoints` (other machines' LM Studio) became the `machines` list, kind 'lmstudio-only'.
  // An entry that is not an object passes through as is, so the schema names it instead of it vanishing.
  1: (raw) => {
    const routing =
      raw.routing && typeof raw.routing === 'object' && !Array.isArray(raw.routing)
        ? { ...(raw.routing as Raw) }
        : undefined;
    const endpoints = routing?.endpoints;
    if (routing) delete routing.endpoints;
    const moved = (Array.isArray(endpoints) ? endpoints : endpoints === undefined ? [] : [endpoints]).map(
      (e: unknown) => {
        if (!e || typeof e !== 'object' || Array.isArray(e)) return e;
        const { baseUrl, ...entry } = e as Raw;
        return { ...entry, url: baseUrl, kind: 'lmstudio-only' };
      },
    );
    const machines = Array.isArray(raw.machines) ? [...(raw.machines as unknown[]), ...moved] : moved;
    return { ...raw, ...(routing ? { routing } : {}), machines, schemaVersion: 2 };
  },
};

/** config.json was written by a newer Loadout; the settings problem words it (settingsIssue.newerSchema). */
export class SettingsTooNewError extends Error {
  constructor(
    readonly version: number,
    readonly supported: number,
  ) {
    super(
      `Settings were written by a newer Loadout (schema ${version}; this one reads up to ${supported}). Update Loadout, or move config.json aside to start fresh.`,
    );
    this.name = 'SettingsTooNewError';
  }
}

/** Bring a raw settings object of any known version up to the current schemaVersion. */
export function migrateSettings(input: unknown): Raw {
  let raw: Raw = input && typeof input === 'object' && !Array.isArray(input) ? { ...(input as Raw) } : {};
  let version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  if (version > SETTINGS_SCHEMA_VERSION) throw new SettingsTooNewError(version, SETTINGS_SCHEMA_VERSION);
  while (version < SETTINGS_SCHEMA_VERSION) {
    const step = steps[version];
    if (!step) throw new Error(`No settings migration from schema ${version}.`);
    raw = step(raw);
    version += 1;
  }
  return raw;
}
