/**
 * One look at every machine in the settings, in parallel and each within a few seconds: a Loadout agent
 * through its app contract (GPU, VRAM, power, loaded models, active preset), an LM Studio-only machine
 * through LM Studio's REST API (loaded models only). A machine that fails is reported with why, and
 * never holds up or changes the others.
 */
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { Machine } from '../../../shared/settings/schema';
import { createLmStudioClient } from '../lmstudio/client';
import { AgentError, connectToAgent, type AgentProblemKind } from './agent-connection';

export interface MachineGpu {
  name: string | null;
  utilizationPercent: number | null;
  vramUsedBytes: number | null;
  vramTotalBytes: number | null;
  powerW: number | null;
}

export interface MachineStatus {
  name: string;
  url: string;
  kind: Machine['kind'];
  online: boolean;
  /** Why it is not usable now (offline, a refused token, a changed certificate, an old agent); null when online. */
  problem: { kind: AgentProblemKind; message: string } | null;
  /** The agent's Loadout version; null for LM Studio-only machines and when offline. */
  version: string | null;
  gpus: MachineGpu[];
  /** All GPUs' power now, in watts; null when not seen. */
  powerW: number | null;
  loadedModels: string[];
  activePreset: string | null;
  /** What cannot be seen of this machine (an LM Studio-only machine has no GPU, power or preset to show). */
  unseen: string[];
}

export interface ProbeOptions {
  timeoutMs?: number;
  /** The machine's token (from the environment or the keychain), or null. */
  tokenFor(machine: Machine): string | null;
}

export const LM_STUDIO_ONLY_UNSEEN = ['GPU', 'VRAM', 'power', 'active preset'];

function withTimeout<T>(work: Promise<T>, ms: number, name: string, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AgentError(
            'offline',
            `"${name}" did not answer within ${Math.round(ms / 1000)} s at ${url}: it may be overloaded or gone.`,
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The GPUs as a machine card shows them. */
export function gpusOf(sample: HardwareSample | null): MachineGpu[] {
  return (sample?.gpus ?? []).map((g) => ({
    name: g.name,
    utilizationPercent: g.utilizationPercent,
    vramUsedBytes: g.memoryUsedBytes,
    vramTotalBytes: g.memoryTotalBytes,
    powerW: g.powerW,
  }));
}

/** All GPUs' power, or null when none reports it. */
export function totalPower(gpus: MachineGpu[]): number | null {
  const known = gpus.map((g) => g.powerW).filter((w): w is number => w !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) : null;
}

async function probeAgent(
  machine: Machine,
  token: string | null,
  timeoutMs: number,
): Promise<Omit<MachineStatus, 'name' | 'url' | 'kind'>> {
  const agent = await connectToAgent(machine, token, { timeoutMs });
  try {
    const [hardware, models, presets] = await withTimeout(
      Promise.all([
        agent.client.call('hardware.latest', undefined),
        agent.client.call('models.list', undefined),
        agent.client.call('presets.list', undefined),
      ]),
      timeoutMs,
      machine.name,
      machine.url,
    );
    const gpus = gpusOf(hardware.ok ? hardware.result : null);
    const unseen = [
      ...(hardware.ok ? [] : ['GPU', 'VRAM', 'power']),
      ...(models.ok ? [] : ['loaded models']),
      ...(presets.ok ? [] : ['active preset']),
    ];
    const active = presets.ok
      ? (presets.result.presets.find((p) => p.id === presets.result.activePresetId)?.name ?? null)
      : null;
    return {
      online: true,
      problem: null,
      version: agent.info.version,
      gpus,
      powerW: totalPower(gpus),
      loadedModels: models.ok ? models.result.loaded.map((m) => m.modelKey) : [],
      activePreset: active,
      unseen,
    };
  } finally {
    await agent.close();
  }
}

/** The model keys an LM Studio-only machine has loaded; rejects with an AgentError when LM Studio does not answer. */
export async function lmStudioOnlyLoaded(machine: Machine, token: string | null, timeoutMs: number): Promise<string[]> {
  const client = createLmStudioClient({
    baseUrl: machine.url,
    baseUrlLabel: `the machine "${machine.name}"`,
    env: {},
    getToken: () => token,
    getRetries: 0,
    timeouts: { detectMs: timeoutMs, listMs: timeoutMs },
  });
  const detection = await client.detect();
  if (!detection.running)
    throw new AgentError(
      'offline',
      `"${machine.name}" (LM Studio only) does not answer at ${machine.url}: LM Studio may be closed or the machine off.`,
    );
  return (await client.listLoaded()).map((m) => m.modelKey);
}

async function probeLmStudio(
  machine: Machine,
  token: string | null,
  timeoutMs: number,
): Promise<Omit<MachineStatus, 'name' | 'url' | 'kind'>> {
  return {
    online: true,
    problem: null,
    version: null,
    gpus: [],
    powerW: null,
    loadedModels: await lmStudioOnlyLoaded(machine, token, timeoutMs),
    activePreset: null,
    unseen: LM_STUDIO_ONLY_UNSEEN,
  };
}

/** Look at one machine; never rejects (a failure is the status's `problem`). */
export async function probeMachine(machine: Machine, options: ProbeOptions): Promise<MachineStatus> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const base = { name: machine.name, url: machine.url, kind: machine.kind };
  const token = options.tokenFor(machine);
  try {
    const work =
      machine.kind === 'loadout' ? probeAgent(machine, token, timeoutMs) : probeLmStudio(machine, token, timeoutMs);
    return { ...base, ...(await withTimeout(work, timeoutMs + 500, machine.name, machine.url)) };
  } catch (error) {
    const problem =
      error instanceof AgentError
        ? { kind: error.kind, message: error.message }
        : {
            kind: 'offline' as const,
            message: `"${machine.name}": ${error instanceof Error ? error.message : String(error)}`,
          };
    return {
      ...base,
      online: false,
      problem,
      version: null,
      gpus: [],
      powerW: null,
      loadedModels: [],
      activePreset: null,
      unseen: machine.kind === 'lmstudio-only' ? LM_STUDIO_ONLY_UNSEEN : [],
    };
  }
}

/** Look at every machine at once. */
export function probeMachines(machines: Machine[], options: ProbeOptions): Promise<MachineStatus[]> {
  return Promise.all(machines.map((m) => probeMachine(m, options)));
}
