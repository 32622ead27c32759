/**
 * Scores every model on every reachable endpoint for one detected task. Eligibility first (capabilities,
 * context, loaded or loadable into the VRAM left), then points: loaded beats loading, the right family
 * for the task, size as a quality prior, and what this machine measured and the user rated.
 */
import type { CatalogModel, LoadedInstance } from '../lmstudio/types';
import { modelTraits, type ModelTraits } from './model-traits';
import { formatExclusion, type Exclusion, type ReasonNote } from './reason-text';
import type {
  CandidateScore,
  LoadEstimator,
  ModelEvidence,
  RoutingEndpoint,
  RoutingPolicy,
  RoutingState,
  TaskProfile,
} from './types';

/** How well a model's family matches the task: 1 specialist, 0.7 generalist, 0.4 weak. Feeds the confidence. */
export function taskMatch(task: TaskProfile, traits: ModelTraits, policy: RoutingPolicy): number {
  const p = traits.paramsB;
  const small = p !== null && p <= policy.smallModelMaxB;
  const tiny = p !== null && p < 3;
  switch (task.kind) {
    case 'code':
      return traits.coder ? 1 : p !== null && p < 7 ? 0.4 : 0.7;
    case 'vision':
      return traits.vision ? 1 : 0;
    case 'quick':
      return small ? 1 : 0.7;
    case 'long-context':
      return traits.longContext ? 1 : 0.7;
    case 'chat':
      return traits.coder || tiny ? 0.4 : small ? 0.7 : 1;
  }
}

/** log2-scaled size prior: 3B → 8, 7B → 12, 14B → 15.6, 32B → 20, capped at 24; unknown size → 10. */
function qualityPrior(paramsB: number | null): number {
  if (paramsB === null) return 10;
  return Math.min(24, Math.log2(paramsB + 1) * 4);
}

/**
 * Expected tok/s before anything was measured: generation is memory-bound, so speed falls with size.
 * 560 / B matches the user's document for a 24 GB GPU at Q4 (7B ≈ 80 tok/s, 3B ≈ 150-190, 33B ≈ 17-25).
 * Without it, any measured model would beat every unmeasured one on speed alone.
 */
function priorTokensPerSecond(paramsB: number | null): number | null {
  return paramsB === null || paramsB <= 0 ? null : 560 / paramsB;
}

function evidenceParts(
  ev: ModelEvidence | undefined,
  paramsB: number | null,
  task: TaskProfile,
  parts: Record<string, number>,
  notes: ReasonNote[],
): void {
  const measured = ev?.tokensPerSecond && ev.tokensPerSecond > 0 ? ev.tokensPerSecond : null;
  const tps = measured ?? priorTokensPerSecond(paramsB);
  if (tps !== null) {
    // Speed decides quick answers; elsewhere quality leads and speed only breaks near-ties.
    const w = task.kind === 'quick' ? 2 : 0.5;
    parts.speed = w * Math.max(-4, Math.min(10, 3 * Math.log2(tps / 10)));
    if (measured !== null) notes.push({ kind: 'measured', tokensPerSecond: measured });
  }
  if (!ev) return;
  if (ev.ttftMs && ev.ttftMs > 0) parts.latency = -Math.min(6, ev.ttftMs / 500) * (task.kind === 'quick' ? 2 : 1);
  const r = ev.ratings?.[task.kind];
  if (r && r.up + r.down > 0) {
    parts.ratings = ((r.up - r.down) / (r.up + r.down + 2)) * 15;
    notes.push({ kind: 'ratings', up: r.up, down: r.down, task: task.kind });
  }
  const s = ev.stars?.[task.kind] ?? ev.stars?.any;
  if (s && s.count > 0) {
    parts.stars = (s.mean - 3) * 4 * Math.min(1, s.count / 2);
    notes.push({ kind: 'stars', mean: s.mean });
  }
}

/**
 * Another machine's live availability (a Loadout agent): requests waiting there and a GPU that is
 * busy with something else cost points, so an idle machine holding a fitting model wins.
 */
function machineLoadParts(load: NonNullable<RoutingEndpoint['load']>, parts: Record<string, number>): ReasonNote[] {
  const notes: ReasonNote[] = [];
  if (load.queue > 0) {
    parts.queue = -Math.min(12, 4 * load.queue);
    notes.push({ kind: 'queue', waiting: load.queue });
  } else if (load.busyModels.length === 0 && (load.gpuUtilizationPercent ?? 0) < 50) {
    notes.push({ kind: 'idle' });
  }
  const gpu = load.gpuUtilizationPercent;
  if (gpu !== null && gpu >= 50) {
    parts.gpu = -Math.round(((Math.min(100, gpu) - 40) / 60) * 6 * 10) / 10;
    notes.push({ kind: 'gpu-busy', percent: Math.round(gpu) });
  }
  return notes;
}

interface Slot {
  instance: LoadedInstance | null;
}

/** Mark a candidate as left out, with the reason (mutates: one object per candidate keeps routing allocation-light). */
function exclude(score: CandidateScore, why: Exclusion): CandidateScore {
  score.exclusion = why;
  score.excludedBecause = formatExclusion(why, 'en');
  return score;
}

/** Score one model (one loaded instance of it, or a load of it) on one endpoint. */
function scoreOne(
  ep: RoutingEndpoint,
  model: CatalogModel,
  slot: Slot,
  task: TaskProfile,
  needed: number,
  state: RoutingState,
  policy: RoutingPolicy,
  estimate: LoadEstimator,
  vramLeft: number | null,
): CandidateScore {
  const traits = modelTraits(model);
  const inst = slot.instance;
  const loaded = inst !== null || ep.kind === 'cloud';
  const base: CandidateScore = {
    modelKey: model.key,
    endpointId: ep.id,
    endpointKind: ep.kind,
    machine: ep.kind === 'remote' ? (ep.machine ?? ep.label) : null,
    instanceId: inst?.instanceId ?? null,
    contextLength: inst ? inst.contextLength : model.maxContextLength,
    loaded,
    eligible: false,
    excludedBecause: null,
    exclusion: null,
    total: 0,
    parts: {},
    notes: [],
  };
  const parts = base.parts;
  const notes = base.notes;
  if (traits.embedding) return exclude(base, { kind: 'embedding' });
  if (task.kind === 'vision' && !traits.vision) return exclude(base, { kind: 'no-vision' });
  if (task.needsTools && !traits.toolUse) return exclude(base, { kind: 'no-tools' });
  if (inst) {
    if (inst.contextLength !== null && inst.contextLength < needed)
      return exclude(base, { kind: 'context', have: inst.contextLength, need: needed });
    parts.loaded = 30;
    notes.push({ kind: 'loaded' });
    if (inst.contextLength === null) {
      parts.context = -3;
      notes.push({ kind: 'context-unknown' });
    } else notes.push({ kind: 'context-fits', tokens: inst.contextLength });
    if (
      inst.status === 'generating' ||
      // busyInstances are this machine's ids: another machine's instance may bear the same one.
      (ep.kind === 'local' && state.busyInstances?.includes(inst.instanceId)) ||
      ep.load?.busyModels.includes(model.key)
    ) {
      parts.busy = -12;
      notes.push({ kind: 'busy' });
    } else if (ep.load) notes.splice(1, 0, ...machineLoadParts(ep.load, parts));
  } else if (ep.kind === 'cloud') {
    parts.loaded = 20;
    notes.push({ kind: 'cloud' });
  } else {
    if (model.maxContextLength !== null && model.maxContextLength < needed)
      return exclude(base, { kind: 'max-context', have: model.maxContextLength, need: needed });
    const jit = ep.kind === 'local' ? policy.allowJitLoad : ep.jit === true;
    if (!jit) return exclude(base, { kind: 'jit-off' });
    const ctx = Math.min(model.maxContextLength ?? needed, Math.max(needed, 8192));
    base.contextLength = ctx;
    if (ep.kind === 'local') {
      const bytes = vramLeft === null ? null : estimate(model, ctx);
      if (bytes === null || vramLeft === null) return exclude(base, { kind: 'memory-unknown' });
      if (bytes > vramLeft) return exclude(base, { kind: 'too-big', bytes, freeBytes: vramLeft });
      notes.push({ kind: 'loads-now', bytes, freeBytes: vramLeft });
    } else notes.push({ kind: 'loads-on-demand' });
    parts.loaded = -10;
  }
  if (ep.kind === 'remote') {
    parts.remote = -6;
    notes.splice(1, 0, { kind: 'remote', label: ep.label });
  }
  const q = qualityPrior(traits.paramsB);
  const p = traits.paramsB;
  switch (task.kind) {
    case 'code':
      parts.quality = q;
      if (traits.coder) {
        parts.family = 20;
        notes.unshift({ kind: 'coder' });
      }
      break;
    case 'chat':
      parts.quality = q;
      if (traits.coder) parts.family = -8;
      break;
    case 'quick':
      // Smaller is faster; the quality prior keeps a 1B from beating a 3B on size alone.
      parts.quality = q * 0.6;
      if (p !== null && p <= policy.smallModelMaxB) {
        parts.family = 12 + (policy.smallModelMaxB - p);
        notes.unshift({ kind: 'small' });
      } else if (p !== null && p > 20) parts.family = -6;
      if (traits.coder && !task.hasCode) parts.family = (parts.family ?? 0) - 4;
      break;
    case 'long-context': {
      parts.quality = q * 0.7;
      const ctx = base.contextLength;
      parts.family = (traits.longContext ? 6 : 0) + (inst && ctx !== null && ctx >= needed * 2 ? 4 : 0);
      if (task.hasCode && traits.coder) parts.family = (parts.family ?? 0) + 8;
      break;
    }
    case 'vision':
      parts.quality = q * 0.7;
      break;
  }
  if (traits.reasoning && task.kind === 'quick') parts.reasoning = -4;
  if (task.language === 'pt-BR' && p !== null && p < 3) parts.language = -4;
  evidenceParts(state.evidence?.[model.key], ep.kind === 'cloud' ? null : p, task, parts, notes);
  let total = 0;
  for (const k in parts) total += parts[k]!;
  base.eligible = true;
  base.total = Math.round(total * 10) / 10;
  return base;
}

/** Score every model on every reachable endpoint; eligible ones first, best first. */
export function scoreCandidates(
  task: TaskProfile,
  needed: number,
  state: RoutingState,
  policy: RoutingPolicy,
  estimate: LoadEstimator,
): CandidateScore[] {
  const scores: CandidateScore[] = [];
  for (const ep of state.endpoints) {
    if (!ep.reachable) continue;
    for (const model of ep.models) {
      if (model.loadedInstances.length > 0) {
        for (const instance of model.loadedInstances)
          scores.push(scoreOne(ep, model, { instance }, task, needed, state, policy, estimate, null));
      } else {
        scores.push(
          scoreOne(
            ep,
            model,
            { instance: null },
            task,
            needed,
            state,
            policy,
            estimate,
            ep.kind === 'local' ? state.vramFreeBytes : null,
          ),
        );
      }
    }
  }
  // Ties break on the key by code units: localeCompare (ICU) would cost more than all the scoring.
  scores.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.total - a.total ||
      (a.modelKey < b.modelKey ? -1 : a.modelKey > b.modelKey ? 1 : 0),
  );
  return scores;
}
