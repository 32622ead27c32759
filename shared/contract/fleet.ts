/**
 * Contract: the other machines on the desk (issue 18). The core watches each machine in `machines`
 * (a Loadout agent through this same contract, or an LM Studio-only machine through its REST API)
 * and answers what it last saw; a window never talks to another machine itself, it asks this core to
 * relay a call (`fleet.call`), so tokens and pinned certificates stay in the core.
 */
import { z } from 'zod';
import { EnergyTotalsSchema } from './energy';
import { NoInput, nullableNumber } from './common';
import { defineEvent, defineMethod } from './define';

export const MachineKindSchema = z.enum(['loadout', 'lmstudio-only']);

/** Why a machine is not usable now, by kind, so a window words it in its own language. */
export const MachineProblemKindSchema = z.enum([
  'offline',
  'refused',
  'fingerprint',
  'version',
  'no-token',
  'no-pin',
  'clock',
]);

export const MachineGpuSchema = z.object({
  name: z.string().nullable(),
  utilizationPercent: nullableNumber,
  vramUsedBytes: nullableNumber,
  vramTotalBytes: nullableNumber,
  powerW: nullableNumber,
});

/** What the core last saw of one machine. */
export const MachineSnapshotSchema = z.object({
  name: z.string(),
  url: z.string(),
  kind: MachineKindSchema,
  online: z.boolean(),
  /** When it last went online or offline (epoch ms); null before the first look. */
  since: z.number().nullable(),
  /** When it last answered (epoch ms); null when never. */
  lastSeen: z.number().nullable(),
  /** Why it is not usable now; null when online and healthy. A 'clock' problem leaves it online. */
  problem: z.object({ kind: MachineProblemKindSchema, message: z.string() }).nullable(),
  /** The agent's Loadout version; null for LM Studio-only machines and when offline. */
  version: z.string().nullable(),
  gpus: z.array(MachineGpuSchema),
  /** All GPUs' power now, in watts; null when not seen. */
  powerW: nullableNumber,
  loadedModels: z.array(z.string()),
  /** Loaded model keys that are answering a request now (agents only). */
  busyModels: z.array(z.string()),
  /** Requests waiting on that machine (agents only; 0 when unknown). */
  queue: z.number().int().nonnegative(),
  activePreset: z.string().nullable(),
  /** The agent's presets, for the tray submenu and the presets window (empty for LM Studio-only machines). */
  presets: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Today's energy from the agent's own ledger; null when not seen. */
  energyToday: EnergyTotalsSchema.nullable(),
  /** The agent's clock minus this machine's, in ms; null when unknown. */
  clockSkewMs: z.number().nullable(),
  /** What cannot be seen of this machine (an LM Studio-only machine has no GPU, power or preset to show). */
  unseen: z.array(z.string()),
});
export type MachineSnapshot = z.infer<typeof MachineSnapshotSchema>;

/** A device LM Studio's LM Link knows (`lms link status --json`). */
export const LmLinkPeerSchema = z.object({
  name: z.string(),
  /** Its address on the tailnet, when LM Link tells it. */
  address: z.string().nullable(),
  online: z.boolean(),
  loadedModels: z.array(z.string()),
  /** True when a machine in `machines` already points at it. */
  added: z.boolean(),
});

export const LmLinkStateSchema = z.object({
  /** False when `lms` is missing or LM Link is off; `message` says which. */
  available: z.boolean(),
  /** The device LM Link serves `localhost:1234` from; null when this machine serves it itself. */
  servedBy: z.string().nullable(),
  peers: z.array(LmLinkPeerSchema),
  message: z.string().nullable(),
});

/** An agent found on the LAN: an address to offer, trusted only once its token and fingerprint are given. */
export const DiscoveredAgentSchema = z.object({
  name: z.string(),
  url: z.string(),
  version: z.string().nullable(),
  /** Its contract version (null when not announced), to tell an incompatible agent apart before adding it. */
  contract: z.number().int().nullable(),
  scheme: z.enum(['http', 'https']),
});

export const FleetStateSchema = z.object({
  /** This machine's name (its host name), as the overview's first card. */
  local: z.object({ name: z.string() }),
  machines: z.array(MachineSnapshotSchema),
  lmLink: LmLinkStateSchema,
  /** Loadout agents announcing themselves on the LAN (fleet.discovery on) and not in `machines` yet. */
  discovered: z.array(DiscoveredAgentSchema).default([]),
});
export type FleetState = z.infer<typeof FleetStateSchema>;

/** Methods a window or the CLI may run on another machine through `fleet.call` (reads, switches, unloads and benchmarks). */
export const FLEET_RELAYED_METHODS = [
  'app.info',
  'hardware.latest',
  'hardware.history',
  'hardware.inventory',
  // The monitor's profile card for that machine: its CPU, RAM, GPUs and what model sizes fit there.
  'profile.capacity',
  'models.list',
  'models.unload',
  'models.unloadAll',
  'presets.list',
  'presets.plan',
  'presets.apply',
  'presets.cancel',
  'energy.summary',
  'energy.report',
  'energy.rollups',
  'bench.list',
  // `loadout bench MODEL --machine NAME`: a run there, its cancel on Ctrl+C, and the ratings given as flags.
  'bench.run',
  'bench.cancel',
  'bench.rate',
] as const;
export const FleetRelayedMethodSchema = z.enum(FLEET_RELAYED_METHODS);

const MachineNameSchema = z.string().trim().min(1, 'name the machine');

export const fleetMethods = {
  'fleet.list': defineMethod(NoInput, FleetStateSchema, 'Every machine on the desk as last seen, and LM Link.'),
  'fleet.call': defineMethod(
    z.object({ machine: MachineNameSchema, method: FleetRelayedMethodSchema, params: z.unknown().optional() }),
    z.unknown(),
    "Run one contract method on another machine's agent; its events during the call come to the caller as fleet.event.",
  ),
  'fleet.inspect': defineMethod(
    z.object({ url: z.string().min(1), token: z.string().optional() }),
    z.object({
      kind: MachineKindSchema,
      /** The certificate SHA-256 the agent presented (https), to compare before adding; null over http. */
      fingerprint: z.string().nullable(),
      version: z.string().nullable(),
    }),
    'Look at a machine before adding it: what it is and the fingerprint to compare (trust on first use).',
  ),
  'fleet.add': defineMethod(
    z.object({
      name: MachineNameSchema,
      url: z.string().min(1),
      kind: MachineKindSchema,
      token: z.string().optional(),
      /** The fingerprint the user compared (from fleet.inspect); required for https agents. */
      fingerprint: z.string().optional(),
      insecure: z.boolean().optional(),
    }),
    FleetStateSchema,
    'Add a machine: its token is kept encrypted, its certificate fingerprint pinned.',
  ),
  'fleet.update': defineMethod(
    z.object({
      name: MachineNameSchema,
      /** A new address; an https agent's needs the fingerprint it presents there (from fleet.inspect). */
      url: z.string().min(1).optional(),
      /** A new token; null removes the stored one; absent keeps it. */
      token: z.string().min(1).nullable().optional(),
      fingerprint: z.string().optional(),
      insecure: z.boolean().optional(),
    }),
    FleetStateSchema,
    "Change a machine's URL or token in place, reaching it again with what changed (a new address is pinned anew).",
  ),
  'fleet.remove': defineMethod(z.object({ name: MachineNameSchema }), FleetStateSchema, 'Remove a machine.'),
} as const;

export const fleetEvents = {
  'fleet.changed': defineEvent(FleetStateSchema, 'A machine came online, went offline, or changed what it holds.'),
  'fleet.event': defineEvent(
    z.object({ machine: z.string(), event: z.string(), payload: z.unknown() }),
    "An event another machine's agent sent during a relayed call (presets.progress, …), to that caller only.",
  ),
} as const;
