/**
 * What one look at a machine becomes in its MachineSnapshot: the agent's answers (hardware, models,
 * presets, energy, clock) or LM Studio's loaded list, and the problem that says why it is not usable.
 */
import type { ApiResponse, EnergyTotals, MachineSnapshot, ModelsState, PresetList } from '../../../shared/contract';
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { Machine } from '../../../shared/settings/schema';
import { LM_STUDIO_ONLY_UNSEEN, gpusOf, totalPower } from './machine-status';

/** A clock further off than this is a 'clock' problem (the machine stays usable). */
export const CLOCK_SKEW_LIMIT_MS = 2 * 60_000;

/** Everything but the identity and the online/offline history. */
export type MachineView = Omit<MachineSnapshot, 'name' | 'url' | 'kind' | 'online' | 'since' | 'lastSeen'>;

export function blankSnapshot(machine: Machine): MachineSnapshot {
  return {
    name: machine.name,
    url: machine.url,
    kind: machine.kind,
    online: false,
    since: null,
    lastSeen: null,
    problem: null,
    version: null,
    gpus: [],
    powerW: null,
    loadedModels: [],
    busyModels: [],
    queue: 0,
    activePreset: null,
    presets: [],
    energyToday: null,
    clockSkewMs: null,
    unseen: machine.kind === 'lmstudio-only' ? [...LM_STUDIO_ONLY_UNSEEN] : [],
  };
}

function skewWords(ms: number): string {
  const minutes = Math.abs(ms) / 60_000;
  const amount = minutes >= 1 ? `${Math.round(minutes)} min` : `${Math.round(Math.abs(ms) / 1000)} s`;
  return `${amount} ${ms > 0 ? 'ahead of' : 'behind'}`;
}

/** The 'clock' problem for a skew over the limit, or null. */
export function clockProblem(name: string, skewMs: number | null): MachineSnapshot['problem'] {
  if (skewMs === null || Math.abs(skewMs) <= CLOCK_SKEW_LIMIT_MS) return null;
  return {
    kind: 'clock',
    message: `The clock of "${name}" is ${skewWords(skewMs)} this machine's: turn on automatic time (NTP) on both machines. "${name}" stays usable; its energy numbers come from its own ledger.`,
  };
}

export interface AgentAnswers {
  version: string;
  /** The agent's app.info `time` minus this machine's clock at the answer; null when the agent does not say. */
  clockSkewMs: number | null;
  hardware: ApiResponse<HardwareSample | null>;
  models: ApiResponse<ModelsState>;
  presets: ApiResponse<PresetList>;
  /** Today's energy, kept from the last energy.summary (read about once a minute). */
  energyToday: EnergyTotals | null;
  /** Requests waiting there (app.info's `queue`); 0 when the agent does not say. */
  queue: number;
}

/** An agent's answers as the card shows them; a method that failed is listed in `unseen`. */
export function agentView(name: string, a: AgentAnswers): MachineView {
  const gpus = gpusOf(a.hardware.ok ? a.hardware.result : null);
  const loaded = a.models.ok ? a.models.result.loaded : [];
  const presets = a.presets.ok ? a.presets.result : null;
  return {
    problem: clockProblem(name, a.clockSkewMs),
    version: a.version,
    gpus,
    powerW: totalPower(gpus),
    loadedModels: loaded.map((m) => m.modelKey),
    busyModels: [...new Set(loaded.filter((m) => m.status === 'generating').map((m) => m.modelKey))],
    queue: a.queue,
    activePreset: presets?.presets.find((p) => p.id === presets.activePresetId)?.name ?? null,
    presets: presets?.presets.map((p) => ({ id: p.id, name: p.name })) ?? [],
    energyToday: a.energyToday,
    clockSkewMs: a.clockSkewMs,
    unseen: [
      ...(a.hardware.ok ? [] : ['GPU', 'VRAM', 'power']),
      ...(a.models.ok ? [] : ['loaded models']),
      ...(a.presets.ok ? [] : ['presets']),
      ...(a.energyToday ? [] : ['energy']),
    ],
  };
}

/** An LM Studio-only machine: only its loaded models can be seen. */
export function lmStudioView(loadedModels: string[]): MachineView {
  return { ...blankView('lmstudio-only'), loadedModels };
}

function blankView(kind: Machine['kind']): MachineView {
  const {
    name: _n,
    url: _u,
    kind: _k,
    online: _o,
    since: _s,
    lastSeen: _l,
    ...view
  } = blankSnapshot({
    name: '',
    url: '',
    kind,
  });
  return view;
}

/** A machine that cannot be used now, and why. */
export function problemView(kind: Machine['kind'], problem: NonNullable<MachineSnapshot['problem']>): MachineView {
  return { ...blankView(kind), problem };
}

/** True when a window would show something different (lastSeen alone is not a change). */
export function shownDifferently(a: MachineSnapshot, b: MachineSnapshot): boolean {
  const shown = (s: MachineSnapshot) =>
    JSON.stringify({
      ...s,
      lastSeen: null,
      clockSkewMs: s.clockSkewMs === null ? null : Math.round(s.clockSkewMs / 60_000),
    });
  return shown(a) !== shown(b);
}
