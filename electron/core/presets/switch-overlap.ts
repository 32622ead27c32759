/**
 * Which loads of a switch may start before the unloads end. The memory check (memory-fit.ts) passed for
 * the whole switch; this decides, for each load, how many of the plan's unloads (in their order) must
 * have finished first, so that what is loading never needs more than the free memory plus what those
 * unloads gave back. The preset's first model goes first, so the preset is usable as early as possible.
 * A load of a model that is being unloaded (other settings) always waits for that unload.
 */
import type { HardwareSample } from '../../../shared/hardware/sample';
import {
  budgetFromSample,
  estimateInstanceMemory,
  RAM_RESERVE_BYTES,
  VRAM_RESERVE_BYTES,
  type MemoryDemand,
} from '../../../shared/models/memory-fit';
import type { PlanStep } from '../../../shared/presets/plan';

export interface OverlapInput {
  /** The plan's unloads, in the order they run, with what each holds. */
  unloads: { step: PlanStep; demand: MemoryDemand }[];
  /** The plan's loads, in plan order, with what each needs. */
  loads: { step: PlanStep; demand: MemoryDemand }[];
  sample: HardwareSample | null;
  /** The load of the preset's first model, which runs first. */
  primary?: PlanStep | null;
}

/** A load and how many unloads must have finished before it starts. */
export interface ScheduledLoad {
  step: PlanStep;
  afterUnloads: number;
}

interface Bytes {
  gpu: number;
  ram: number;
}

/** Where an instance's memory sits; "LM Studio decides" counts all on the GPU (the most it could take there). */
function split(demand: MemoryDemand, gpuMode: boolean): Bytes {
  const total = estimateInstanceMemory(demand).totalBytes;
  const offload = demand.gpuOffload;
  if (!gpuMode || offload === 'off') return { gpu: 0, ram: total };
  if (typeof offload === 'number') return { gpu: Math.round(total * offload), ram: Math.round(total * (1 - offload)) };
  return { gpu: total, ram: 0 };
}

/** The load order and each load's wait (see the module comment). Pure. */
export function scheduleLoads(input: OverlapInput): ScheduledLoad[] {
  const n = input.unloads.length;
  const ordered = [...input.loads].sort((a, b) => Number(b.step === input.primary) - Number(a.step === input.primary));
  const budget = budgetFromSample(input.sample);
  const gpuMode = budget.vramFreeBytes !== null;
  // Nothing known about memory: no overlap, every load after every unload (as LM Studio's guardrail would want).
  if (!gpuMode && budget.ramFreeBytes === null) return ordered.map(({ step }) => ({ step, afterUnloads: n }));

  // Free memory after the first k unloads, k = 0..n.
  const vramCap = (budget.vramTotalBytes ?? Infinity) - VRAM_RESERVE_BYTES;
  // An unknown figure is not checked, as in the whole-switch check.
  const free: Bytes[] = [
    {
      gpu: gpuMode ? budget.vramFreeBytes! - VRAM_RESERVE_BYTES : Infinity,
      ram: budget.ramFreeBytes === null ? Infinity : budget.ramFreeBytes - RAM_RESERVE_BYTES,
    },
  ];
  for (const { demand } of input.unloads) {
    const last = free[free.length - 1]!;
    const freed = split(demand, gpuMode);
    free.push({ gpu: Math.min(last.gpu + freed.gpu, vramCap), ram: last.ram + freed.ram });
  }
  // A reload of the same model (or the same identifier) waits for the old instance's unload.
  const mustWait = (step: PlanStep) => {
    let at = 0;
    input.unloads.forEach(({ step: u }, i) => {
      if (u.key === step.key || (step.instanceId !== null && u.instanceId === step.instanceId)) at = i + 1;
    });
    return at;
  };

  const out: ScheduledLoad[] = [];
  const used: Bytes = { gpu: 0, ram: 0 };
  const fitsAt = (k: number, need: Bytes) => used.gpu + need.gpu <= free[k]!.gpu && used.ram + need.ram <= free[k]!.ram;
  const take = (entry: { step: PlanStep; demand: MemoryDemand }, k: number) => {
    const need = split(entry.demand, gpuMode);
    used.gpu += need.gpu;
    used.ram += need.ram;
    out.push({ step: entry.step, afterUnloads: k });
  };
  let remaining = ordered;
  let k = 0;
  // The primary is never overtaken: loads run one after another, so anything before it delays "usable".
  if (input.primary && remaining[0]?.step === input.primary) {
    const first = remaining[0];
    k = mustWait(first.step);
    while (k < n && !fitsAt(k, split(first.demand, gpuMode))) k++;
    take(first, k);
    remaining = remaining.slice(1);
  }
  while (remaining.length) {
    const at = remaining.findIndex((e) => mustWait(e.step) <= k && fitsAt(k, split(e.demand, gpuMode)));
    if (at >= 0) {
      take(remaining[at]!, k);
      remaining = remaining.filter((_, i) => i !== at);
    } else if (k < n) {
      k++;
    } else {
      // Every unload done: the whole-switch check already passed, so the rest go in order.
      for (const e of remaining) take(e, n);
      remaining = [];
    }
  }
  return out;
}
