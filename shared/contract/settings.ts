/**
 * Contract: settings as the UI sees them (secrets never leave the core: only whether a token is set)
 * and partial updates. Presets and the pinned list change through `presets.*`.
 */
import { z } from 'zod';
import { MachineSchema, SettingsSchema, type Settings } from '../settings/schema';
import { SettingsIssueSchema } from '../settings/settings-issue';
import { NoInput } from './common';
import { defineEvent, defineMethod } from './define';

const { lmstudio, sampler, energy, ui, server, routing, mcp } = SettingsSchema.shape;
const lmstudioShape = lmstudio.unwrap().shape;
const energyShape = energy.unwrap().shape;
const watchdogShape = energyShape.idleWatchdog.unwrap().shape;
const routingShape = routing.unwrap().shape;
const machineShape = MachineSchema.shape;
const cloudShape = routingShape.cloud.unwrap().shape;
const mcpShape = mcp.unwrap().shape;
const gamingShape = SettingsSchema.shape.gaming.unwrap().shape;
const fleetShape = SettingsSchema.shape.fleet.unwrap().shape;
const cloudPriceShape = mcpShape.cloudPrice.unwrap().shape;
const remoteAccess = SettingsSchema.shape.remoteAccess.unwrap();
const remoteAccessShape = remoteAccess.shape;

/**
 * Routing without secrets: each encrypted token or key becomes whether one is stored. `endpoints` is the
 * settings window's view of the LM Studio-only machines (settings schema 1's `routing.endpoints`).
 */
const PublicRoutingSchema = routing.unwrap().extend({
  endpoints: z.array(z.object({ name: machineShape.name, baseUrl: machineShape.url, hasToken: z.boolean() })),
  cloud: routingShape.cloud.unwrap().omit({ apiKeyEncrypted: true }).extend({ hasApiKey: z.boolean() }),
});

/** Settings without secrets: each encrypted token or key becomes `hasToken` / `hasApiKey`. */
export const PublicSettingsSchema = SettingsSchema.omit({ presets: true, pinned: true, activePresetId: true }).extend({
  lmstudio: lmstudio.unwrap().omit({ tokenEncrypted: true }).extend({ hasToken: z.boolean() }),
  routing: PublicRoutingSchema,
  machines: z.array(MachineSchema.omit({ tokenEncrypted: true }).extend({ hasToken: z.boolean() })),
  remoteAccess: remoteAccess.omit({ tokenEncrypted: true }).extend({ hasToken: z.boolean() }),
});
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/**
 * A partial update: every field optional and without defaults, so absent means "leave as is".
 * (zod applies inner defaults even under `.optional()`, hence the fields are listed here.)
 */
export const SettingsPatchSchema = z.object({
  lmstudio: z
    .object({
      baseUrl: lmstudioShape.baseUrl.unwrap(),
      restoreOnFailure: lmstudioShape.restoreOnFailure.unwrap(),
      busyWaitSeconds: lmstudioShape.busyWaitSeconds.unwrap(),
    })
    .partial()
    .optional(),
  sampler: z.object({ intervalMs: sampler.unwrap().shape.intervalMs.unwrap() }).partial().optional(),
  energy: z
    .object({
      tariff: energyShape.tariff.unwrap(),
      currency: energyShape.currency.unwrap(),
      timeOfUse: energyShape.timeOfUse.unwrap(),
      gridIntensity: energyShape.gridIntensity.unwrap(),
      gapLimitSeconds: energyShape.gapLimitSeconds.unwrap(),
      idleWatchdog: z
        .object({
          enabled: watchdogShape.enabled.unwrap(),
          thresholdW: watchdogShape.thresholdW.unwrap(),
          minutes: watchdogShape.minutes.unwrap(),
        })
        .partial()
        .optional(),
    })
    .partial()
    .optional(),
  ui: z
    .object({
      language: ui.unwrap().shape.language.unwrap(),
      theme: ui.unwrap().shape.theme.unwrap(),
      quickChatHotkey: ui.unwrap().shape.quickChatHotkey.unwrap().min(1),
      startAtLogin: ui.unwrap().shape.startAtLogin.unwrap(),
    })
    .partial()
    .optional(),
  server: z
    .object({
      openAiEndpoint: server.unwrap().shape.openAiEndpoint.unwrap(),
      port: server.unwrap().shape.port.unwrap(),
    })
    .partial()
    .optional(),
  routing: z
    .object({
      allowJitLoad: routingShape.allowJitLoad.unwrap(),
      classifyWithModel: routingShape.classifyWithModel.unwrap(),
      /** The whole list of LM Studio-only machines; a stored token stays with the machine of the same name. */
      endpoints: z.array(z.object({ name: machineShape.name, baseUrl: machineShape.url })),
      cloud: z
        .object({
          enabled: cloudShape.enabled.unwrap(),
          baseUrl: cloudShape.baseUrl.unwrap(),
          model: cloudShape.model.unwrap(),
          label: cloudShape.label.unwrap(),
          contextLength: cloudShape.contextLength.unwrap(),
          vision: cloudShape.vision.unwrap(),
        })
        .partial()
        .optional(),
    })
    .partial()
    .optional(),
  mcp: z
    .object({
      http: mcpShape.http.unwrap(),
      /** The whole list of folders `ask` may read files from. */
      fileRoots: mcpShape.fileRoots.unwrap(),
      maxFileBytes: mcpShape.maxFileBytes.unwrap(),
      maxPromptChars: mcpShape.maxPromptChars.unwrap(),
      minConfidence: mcpShape.minConfidence.unwrap(),
      maxConcurrent: mcpShape.maxConcurrent.unwrap(),
      busyWaitSeconds: mcpShape.busyWaitSeconds.unwrap(),
      cloudPrice: z
        .object({
          inputPerMTok: cloudPriceShape.inputPerMTok.unwrap(),
          outputPerMTok: cloudPriceShape.outputPerMTok.unwrap(),
        })
        .partial()
        .optional(),
    })
    .partial()
    .optional(),
  gaming: z
    .object({
      enabled: gamingShape.enabled.unwrap(),
      /** The whole list of executable names that count as a game. */
      processes: gamingShape.processes.unwrap(),
      restoreAfterSeconds: gamingShape.restoreAfterSeconds.unwrap(),
      restore: gamingShape.restore.unwrap(),
      restorePreset: gamingShape.restorePreset.unwrap(),
      vramThresholdGiB: gamingShape.vramThresholdGiB.unwrap(),
    })
    .partial()
    .optional(),
  /** fleet.discovery: browse for (and, from serve, announce) Loadout agents on the LAN. */
  fleet: z.object({ discovery: fleetShape.discovery.unwrap() }).partial().optional(),
  /** Remote access: the tray app as a fleet agent; its token changes only through `remoteAccess.newToken`. */
  remoteAccess: z
    .object({
      enabled: remoteAccessShape.enabled.unwrap(),
      host: remoteAccessShape.host.unwrap(),
      port: remoteAccessShape.port.unwrap(),
    })
    .partial()
    .optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** Strip secrets and the preset data from settings for the UI. */
export function toPublicSettings(settings: Settings): PublicSettings {
  const {
    presets: _p,
    pinned: _pin,
    activePresetId: _a,
    lmstudio: { tokenEncrypted, ...lm },
    routing: r,
    machines,
    remoteAccess: { tokenEncrypted: agentToken, ...remoteAccess },
    ...rest
  } = settings;
  const { apiKeyEncrypted, ...cloud } = r.cloud;
  return {
    ...rest,
    lmstudio: { ...lm, hasToken: tokenEncrypted !== null },
    routing: {
      ...r,
      endpoints: machines
        .filter((m) => m.kind === 'lmstudio-only')
        .map((m) => ({ name: m.name, baseUrl: m.url, hasToken: typeof m.tokenEncrypted === 'string' })),
      cloud: { ...cloud, hasApiKey: apiKeyEncrypted !== null },
    },
    machines: machines.map(({ tokenEncrypted: token, ...m }) => ({ ...m, hasToken: typeof token === 'string' })),
    remoteAccess: { ...remoteAccess, hasToken: agentToken !== null },
  };
}

/** Apply a patch to settings, section by section (pure; the caller validates and saves). */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const { idleWatchdog, ...energyRest } = patch.energy ?? {};
  const { endpoints, cloud: _cloud, ...routingFlags } = patch.routing ?? {};
  return {
    ...settings,
    lmstudio: { ...settings.lmstudio, ...patch.lmstudio },
    sampler: { ...settings.sampler, ...patch.sampler },
    energy: { ...settings.energy, ...energyRest, idleWatchdog: { ...settings.energy.idleWatchdog, ...idleWatchdog } },
    ui: { ...settings.ui, ...patch.ui },
    server: { ...settings.server, ...patch.server },
    routing: { ...settings.routing, ...routingFlags, cloud: { ...settings.routing.cloud, ...patch.routing?.cloud } },
    machines: endpoints ? withLmStudioOnlyMachines(settings.machines, endpoints) : settings.machines,
    mcp: { ...settings.mcp, ...patch.mcp, cloudPrice: { ...settings.mcp.cloudPrice, ...patch.mcp?.cloudPrice } },
    gaming: { ...settings.gaming, ...patch.gaming },
    fleet: { ...settings.fleet, ...patch.fleet },
    remoteAccess: { ...settings.remoteAccess, ...patch.remoteAccess },
  };
}

/** The machines with the LM Studio-only ones replaced by `endpoints`; a stored token stays with the machine of the same name. */
function withLmStudioOnlyMachines(
  machines: Settings['machines'],
  endpoints: NonNullable<NonNullable<SettingsPatch['routing']>['endpoints']>,
): Settings['machines'] {
  const tokenOf = (name: string) => machines.find((m) => m.name === name && m.kind === 'lmstudio-only')?.tokenEncrypted;
  const lmOnly = endpoints.map((e) => ({
    name: e.name,
    url: e.baseUrl,
    kind: 'lmstudio-only' as const,
    ...(typeof tokenOf(e.name) === 'string' ? { tokenEncrypted: tokenOf(e.name) } : {}),
  }));
  return [...machines.filter((m) => m.kind !== 'lmstudio-only'), ...lmOnly];
}

/** Which stored routing secret `settings.setRoutingSecret` sets: the cloud API key or one machine's token. */
export const RoutingSecretTargetSchema = z.union([
  z.object({ kind: z.literal('cloud') }),
  z.object({ kind: z.literal('endpoint'), name: z.string().min(1) }),
]);
export type RoutingSecretTarget = z.infer<typeof RoutingSecretTargetSchema>;

/** What is wrong with config.json right now: Loadout keeps the last good settings meanwhile. */
export const SettingsProblemSchema = z.object({
  /** The file, e.g. ~/.config/Loadout/config.json */
  file: z.string(),
  /** The dotted paths at fault (`energy.tariff`); empty when the whole file is at fault. */
  paths: z.array(z.string()),
  /** What is wrong, paths first (`energy.tariff: expected a number (found text)`), in English. */
  detail: z.string(),
  /** The same as data (the first few issues, and how many more), for a window to word in its language. */
  issues: z.array(SettingsIssueSchema).optional(),
  more: z.number().int().optional(),
  /** The whole sentence, as logged. */
  message: z.string(),
});
export type SettingsProblemInfo = z.infer<typeof SettingsProblemSchema>;
const SettingsProblemState = z.object({ problem: SettingsProblemSchema.nullable() });

/** The LM Studio URL the core uses now, where it came from, and URLs given but not usable (with why). */
export const LmStudioUrlInUseSchema = z.object({
  url: z.string(),
  source: z.enum(['flag', 'env', 'settings', 'default']),
  ignored: z.array(
    z.object({ source: z.enum(['flag', 'env', 'settings', 'default']), value: z.string(), problem: z.string() }),
  ),
});
export type LmStudioUrlInUseInfo = z.infer<typeof LmStudioUrlInUseSchema>;

export const settingsMethods = {
  'settings.problem': defineMethod(
    NoInput,
    SettingsProblemState,
    'What is wrong with config.json now (null when nothing is); the last good settings stay in force meanwhile.',
  ),
  'settings.get': defineMethod(NoInput, PublicSettingsSchema, 'The settings, without secrets.'),
  'settings.lmStudioUrl': defineMethod(
    NoInput,
    z.object({ inUse: LmStudioUrlInUseSchema.nullable() }),
    'The LM Studio URL in use and its source (--lmstudio, LOADOUT_LMSTUDIO_URL, settings or the default), which can differ from the stored one; null when this process has no LM Studio client.',
  ),
  'settings.set': defineMethod(
    SettingsPatchSchema,
    PublicSettingsSchema,
    'Change some settings; returns the settings as saved.',
  ),
  'settings.setLmStudioToken': defineMethod(
    z.object({ token: z.string().min(1).nullable() }),
    z.object({ hasToken: z.boolean() }),
    "Store LM Studio's API token encrypted with the OS keychain (null clears it). The token never comes back to the UI.",
  ),
  'settings.setRoutingSecret': defineMethod(
    z.object({ target: RoutingSecretTargetSchema, secret: z.string().min(1).nullable() }),
    PublicSettingsSchema,
    "Store the cloud model's API key or another machine's LM Studio token encrypted with the OS keychain (null clears it); it never comes back to the UI.",
  ),
} as const;

export const settingsEvents = {
  'settings.changed': defineEvent(PublicSettingsSchema, 'Settings changed (from any window or the CLI).'),
  'settings.problem': defineEvent(
    SettingsProblemState,
    'config.json got a problem, another one, or was fixed (problem: null).',
  ),
} as const;
