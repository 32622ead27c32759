/**
 * `loadout config get [KEY]` / `loadout config set KEY VALUE`: read and change settings by dotted key
 * (energy.tariff, sampler.intervalMs, …). VALUE is parsed as JSON when it can be (0.89, true, null,
 * [..]) and taken as text otherwise; the settings schema checks it and nothing is written when it fails.
 */
import { z } from 'zod';
import { defaultSettings, SettingsSchema, type Settings } from '../../../shared/settings/schema';
import { closestNames } from '../../../shared/text/did-you-mean';
import { resolveDataDir } from '../../core/paths';
import { SettingsStore } from '../../core/settings/settings-store';
import { type CliCommand, UsageError } from '../command';

const USAGE = 'config get [KEY] | config set KEY VALUE';

type Json = unknown;
/** Encrypted secrets (`lmstudio.tokenEncrypted`, `routing.cloud.apiKeyEncrypted`, each machine's `tokenEncrypted`): never printed, never set here. */
const isSecretKey = (key: string) => /(?:^|\.)\w*Encrypted$/.test(key);

/** Where each secret comes from instead: the environment variable (CLI) and the app's settings (tray). */
function secretHint(key: string): string {
  if (key.startsWith('routing.cloud'))
    return "set LOADOUT_CLOUD_API_KEY for the CLI, or enter the key in the tray app's settings";
  if (key.startsWith('machines'))
    return "set LOADOUT_MACHINE_TOKEN_<NAME> (or LOADOUT_REMOTES_TOKEN for every LM Studio-only machine) for the CLI, or enter the token in the tray app's settings";
  return "set LM_API_TOKEN for the CLI, or enter the token in the tray app's settings";
}

/** How `config get` shows a stored secret; given back to `config set`, it means "keep the stored one". */
const REDACTED = '(set, encrypted)';

const isRecord = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The dotted key of the first encrypted field `value` (set at `key`) would write as text; clearing one (null) is fine. */
function secretWritten(key: string, value: Json): string | null {
  if (isSecretKey(key)) return value === null || value === undefined || value === REDACTED ? null : key;
  const entries: Array<[string, Json]> = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : isRecord(value)
      ? Object.entries(value)
      : [];
  for (const [k, v] of entries) {
    const hit = secretWritten(`${key}.${k}`, v);
    if (hit) return hit;
  }
  return null;
}

/**
 * `value` with the stored secrets it leaves out (or gives back as shown by `config get`) kept: a
 * section or list rewritten from the CLI loses no key or token. List entries match by name.
 */
function keepStoredSecrets(key: string, value: Json, stored: Json): Json {
  if (isSecretKey(key)) return value === REDACTED || value === undefined ? stored : value;
  if (Array.isArray(value) && Array.isArray(stored)) {
    return value.map((v: Json, i) => {
      const name = isRecord(v) ? v.name : undefined;
      const match = name === undefined ? undefined : stored.find((s: Json) => isRecord(s) && s.name === name);
      return match === undefined ? v : keepStoredSecrets(`${key}.${i}`, v, match);
    });
  }
  if (!isRecord(value) || !isRecord(stored)) return value;
  const out: Record<string, Json> = { ...value };
  for (const [k, s] of Object.entries(stored)) {
    const kept = keepStoredSecrets(`${key}.${k}`, out[k], s);
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

/** Every settable dotted key of the settings (objects are walked; arrays and values are leaves). */
export function settingsKeys(value: Json = defaultSettings(), prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return prefix ? [prefix] : [];
  const keys = Object.entries(value as Record<string, Json>).flatMap(([k, v]) =>
    settingsKeys(v, prefix ? `${prefix}.${k}` : k),
  );
  return prefix ? [prefix, ...keys] : keys;
}

function getPath(root: Json, key: string): Json {
  return key
    .split('.')
    .reduce<Json>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, Json>)[part] : undefined),
      root,
    );
}

function setPath(root: Record<string, Json>, key: string, value: Json): Record<string, Json> {
  const parts = key.split('.');
  const copy = structuredClone(root);
  let node = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, Json>;
  node[parts[parts.length - 1]!] = value;
  return copy;
}

/** VALUE as JSON when it parses, else as the text itself ("BRL", "22:00"). */
export function parseConfigValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function redact(key: string, value: Json): Json {
  if (isSecretKey(key)) return value === null || value === undefined ? value : REDACTED;
  if (Array.isArray(value)) return value.map((v: Json) => (v && typeof v === 'object' ? redact(key, v) : v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, Json>).map(([k, v]) => [k, redact(key ? `${key}.${k}` : k, v)]),
    );
  }
  return value;
}

/** Optional settings with no default (absent from the defaults that settingsKeys walks). */
const OPTIONAL_KEYS = ['routing.cloud.contextLength', 'routing.cloud.vision'];

function checkKey(key: string): void {
  const keys = [...settingsKeys(), ...OPTIONAL_KEYS];
  if (keys.includes(key)) return;
  const sameSection = keys.filter(
    (k) => k.startsWith(key.split('.')[0] ?? '') || k.endsWith(`.${key.split('.').pop()}`),
  );
  const near = [...new Set([...closestNames(key, keys), ...sameSection])].slice(0, 12);
  throw new UsageError(
    `unknown setting "${key}".${near.length ? ` Did you mean one of: ${near.join(', ')}?` : ''} \`loadout config get\` lists them all.`,
    USAGE,
  );
}

function print(value: Json): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** Build the `config` command; tests pass a data folder resolver. */
export function createConfigCommand(): CliCommand {
  return {
    name: 'config',
    summary: 'Read or change a setting: config get [KEY], config set KEY VALUE (e.g. config set energy.tariff 0.89).',
    usage: USAGE,
    async run(args, io) {
      const [action, key, ...rest] = args;
      if (action !== 'get' && action !== 'set')
        throw new UsageError(action ? `unknown action "${action}": use get or set.` : 'say get or set.', USAGE);
      const store = new SettingsStore({
        dataDir: resolveDataDir(io.env),
        onRecovered: (m) => io.stderr.write(`note: ${m}\n`),
      });
      const settings = store.get();
      if (action === 'get') {
        if (rest.length > 0) throw new UsageError('config get takes at most one KEY.', USAGE);
        if (key === undefined) {
          io.stdout.write(`${print(redact('', settings))}\n`);
          return 0;
        }
        checkKey(key);
        io.stdout.write(`${print(redact(key, getPath(settings, key)))}\n`);
        return 0;
      }
      if (key === undefined || rest.length !== 1)
        throw new UsageError(
          'config set needs a KEY and one VALUE (quote values with spaces or JSON: \'[{"from":"22:00",…}]\').',
          USAGE,
        );
      checkKey(key);
      const given = parseConfigValue(rest[0]!);
      const secret = secretWritten(key, given);
      if (secret)
        throw new UsageError(
          `${secret} holds a secret, stored only encrypted with the OS keychain, never as plain text in config.json: ${secretHint(secret)}. Nothing was changed.`,
          USAGE,
        );
      const next = setPath(
        settings as unknown as Record<string, Json>,
        key,
        keepStoredSecrets(key, given, getPath(settings, key)),
      );
      const parsed = SettingsSchema.safeParse(next);
      if (!parsed.success)
        throw new UsageError(
          `invalid value for ${key}:\n${z.prettifyError(parsed.error)}\nNothing was changed.`,
          USAGE,
        );
      const saved: Settings = store.set(parsed.data);
      io.stdout.write(`${key} = ${JSON.stringify(redact(key, getPath(saved, key)))}\n`);
      return 0;
    },
  };
}

export const configCommand = createConfigCommand();
