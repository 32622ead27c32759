/**
 * Settings: one zod schema with defaults. What is on disk passes `migrateSettings` first, then this
 * schema; the app (electron-store) and the CLI (conf) share the same `config.json`.
 */
import { z } from 'zod';
import { PresetSchema } from '../presets/schema';
import { httpUrlSchema, TOKEN_HINTS } from './http-url';

export const SETTINGS_SCHEMA_VERSION = 2;

const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const TimeOfUseSlotSchema = z.object({
  /** "HH:MM", local time (00:00–24:00); a slot may wrap past midnight. */
  from: z.string().regex(CLOCK, 'use HH:MM from 00:00 to 24:00'),
  to: z.string().regex(CLOCK, 'use HH:MM from 00:00 to 24:00'),
  /** 0 = Sunday … 6 = Saturday; absent = every day. */
  days: z.array(z.number().int().min(0).max(6)).optional(),
  pricePerKWh: z.number().nonnegative(),
});

/** A SHA-256 certificate fingerprint: 64 hex digits, stored lower-case without colons. */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{64}$/;

/**
 * Another machine on the desk (issue 18): a Loadout agent (`loadout serve` or the tray app with remote
 * access), reached over the app contract, or one that runs only LM Studio, reached over its REST API.
 * Both are routing targets; schema 1's `routing.endpoints` became machines of kind 'lmstudio-only'.
 */
export const MachineSchema = z.object({
  name: z.string().trim().min(1, 'give the machine a name'),
  /** The agent's address (e.g. https://192.168.1.20:1235), or LM Studio's (http://192.168.1.20:1234). */
  url: httpUrlSchema(TOKEN_HINTS.remote),
  kind: z.enum(['loadout', 'lmstudio-only']).default('loadout'),
  /** The agent's certificate SHA-256, pinned when the machine was added (trust on first use, like SSH). */
  fingerprint: z
    .string()
    .regex(FINGERPRINT_PATTERN, 'use the 64 hex digits of the SHA-256 fingerprint, without colons')
    .optional(),
  /** Plain HTTP off loopback, allowed only because the user said --insecure. */
  insecure: z.boolean().optional(),
  /** safeStorage-encrypted token (base64), set by the app; the CLI reads LOADOUT_MACHINE_TOKEN_<NAME> instead. */
  tokenEncrypted: z.string().nullable().optional(),
});
export type Machine = z.infer<typeof MachineSchema>;

/** Machines by name: a name says which token and which row, so two machines may not share one. */
const MachinesSchema = z.array(MachineSchema).superRefine((machines, ctx) => {
  const seen = new Set<string>();
  for (const [index, m] of machines.entries()) {
    if (seen.has(m.name))
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `two machines are named "${m.name}": rename or remove one`,
      });
    seen.add(m.name);
  }
});

const CloudEndpointSchema = z.object({
  /** Off by default; when on, used only when in doubt or nothing local fits, and marked when it answers. */
  enabled: z.boolean().default(false),
  /** OpenAI-compatible base URL including /v1, e.g. https://api.openai.com/v1 */
  baseUrl: httpUrlSchema(TOKEN_HINTS.cloud, { allowEmpty: true }).default(''),
  model: z.string().default(''),
  /** Shown when the cloud answers; empty = the URL's host. */
  label: z.string().default(''),
  contextLength: z.number().int().positive().optional(),
  vision: z.boolean().optional(),
  /** safeStorage-encrypted API key (base64), set by the app; the CLI reads LOADOUT_CLOUD_API_KEY instead. */
  apiKeyEncrypted: z.string().nullable().default(null),
});

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION),
  lmstudio: z
    .object({
      baseUrl: httpUrlSchema(TOKEN_HINTS.lmstudio).default('http://127.0.0.1:1234'),
      /** safeStorage-encrypted token (base64), set by the app; the CLI reads LM_API_TOKEN instead. */
      tokenEncrypted: z.string().nullable().default(null),
      /** Put the previous set of models back when a preset switch fails midway. */
      restoreOnFailure: z.boolean().default(true),
      /** How long a switch waits for a generating model to finish before asking. */
      busyWaitSeconds: z.number().int().nonnegative().default(30),
    })
    .prefault({}),
  sampler: z
    .object({
      intervalMs: z.number().int().min(100).max(60_000).default(1000),
    })
    .prefault({}),
  /** Other machines the router may use and the monitor watches (LOADOUT_REMOTES overrides it for routing in the CLI). */
  machines: MachinesSchema.default([]),
  fleet: z
    .object({
      /** LAN discovery (mDNS/DNS-SD `_loadout._tcp`): an agent announces itself and this machine browses; off by default. */
      discovery: z.boolean().default(false),
    })
    .prefault({}),
  /** Remote access (issue 18): the tray app as a fleet agent, as `loadout serve --host 0.0.0.0` is; off by default. */
  remoteAccess: z
    .object({
      enabled: z.boolean().default(false),
      host: z.string().trim().min(1, 'give an address to listen on, e.g. 0.0.0.0').default('0.0.0.0'),
      port: z.number().int().min(1).max(65535).default(7879),
      /** safeStorage-encrypted agent token (base64), made once by the app; never kept in plain text. */
      tokenEncrypted: z.string().nullable().default(null),
    })
    .prefault({}),
  presets: z.array(PresetSchema).default([]),
  /** Model keys or instance ids that no preset ever unloads. */
  pinned: z.array(z.string()).default([]),
  activePresetId: z.string().nullable().default(null),
  energy: z
    .object({
      /** Price per kWh in `currency`; null = not set (reports show kWh only). */
      tariff: z.number().nonnegative().nullable().default(null),
      /** ISO 4217; null = from the locale (pt-BR → BRL). */
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .nullable()
        .default(null),
      timeOfUse: z.array(TimeOfUseSlotSchema).default([]),
      /** Grid carbon intensity, g CO2e per kWh; null = not reported. */
      gridIntensity: z.number().nonnegative().nullable().default(null),
      /** Samples further apart than this are a gap, not bridged. */
      gapLimitSeconds: z.number().positive().default(5),
      idleWatchdog: z
        .object({
          enabled: z.boolean().default(true),
          thresholdW: z.number().positive().default(40),
          minutes: z.number().positive().default(10),
        })
        .prefault({}),
    })
    .prefault({}),
  ui: z
    .object({
      /** "auto" follows the OS locale. */
      language: z.enum(['auto', 'en', 'pt-BR']).default('auto'),
      theme: z.enum(['system', 'light', 'dark']).default('system'),
      quickChatHotkey: z.string().default('Control+Alt+Space'),
      startAtLogin: z.boolean().default(false),
    })
    .prefault({}),
  server: z
    .object({
      /** OpenAI-compatible endpoint in the tray app; off by default. */
      openAiEndpoint: z.boolean().default(false),
      port: z.number().int().min(1).max(65535).default(1235),
    })
    .prefault({}),
  routing: z
    .object({
      /** Propose loading a model that is not loaded (when it fits the free VRAM). */
      allowJitLoad: z.boolean().default(false),
      /** Ask the smallest loaded model to classify prompts the cheap rules are unsure about. */
      classifyWithModel: z.boolean().default(false),
      /** One optional OpenAI-compatible cloud model (LOADOUT_CLOUD_* override it for the CLI). */
      cloud: CloudEndpointSchema.prefault({}),
    })
    .prefault({}),
  /** The MCP server (`loadout mcp`, `/mcp`): what an agent such as Claude may hand to the local models. */
  mcp: z
    .object({
      /** Streamable HTTP at /mcp in the tray app; off by default (`loadout serve --mcp` turns it on there). */
      http: z.boolean().default(false),
      /** Folders whose files `ask` may read; empty = no file is read. */
      fileRoots: z.array(z.string().trim().min(1, 'give a folder path')).default([]),
      /** Largest file `ask` reads, in bytes. */
      maxFileBytes: z.number().int().positive().default(262_144),
      /** Longest prompt `ask` takes (with its files), in characters; longer ones are refused. */
      maxPromptChars: z.number().int().positive().default(200_000),
      /** Below this router confidence `ask` declines and leaves the work to the caller ("dúvida → Claude"). */
      minConfidence: z.number().min(0).max(1).default(0.55),
      /** `ask` calls answered at once; the rest wait in line. */
      maxConcurrent: z.number().int().min(1).max(64).default(2),
      /** How long `ask` waits for a busy model before it declines. */
      busyWaitSeconds: z.number().int().nonnegative().default(15),
      /** The cloud price a delegation avoids, per million tokens, in the energy ledger's currency. */
      cloudPrice: z
        .object({
          inputPerMTok: z.number().nonnegative().default(3),
          outputPerMTok: z.number().nonnegative().default(15),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Gaming mode (issue 19): the GPU goes to a game while it runs, and the models come back after. */
  gaming: z
    .object({
      /** Off by default; `loadout gaming on` or the settings window turns it on. */
      enabled: z.boolean().default(false),
      /** Executable names that count as a game (case-insensitive, ".exe" optional), e.g. "eldenring.exe". */
      processes: z.array(z.string().trim().min(1, 'give an executable name, e.g. eldenring.exe')).default([]),
      /** After the last game ends, wait this long before reloading (a game that restarts inside it causes no reload). */
      restoreAfterSeconds: z.number().int().nonnegative().default(60),
      /** Reload the models after the game; false leaves them unloaded. */
      restore: z.boolean().default(true),
      /** Restore this preset (by id or name) instead of the remembered set; null = the remembered set. */
      restorePreset: z.string().trim().min(1).nullable().default(null),
      /** Any non-LM-Studio process holding more VRAM than this counts as a game; null = off. */
      vramThresholdGiB: z.number().positive().nullable().default(null),
      /** How often detection runs; one pass costs little (npm run bench -- gaming). */
      checkIntervalSeconds: z.number().min(1).max(60).default(3),
    })
    .prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The settings a fresh install starts with. */
export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
