/**
 * fast-check generators for the routing properties: model specs (size, family, capabilities, what this
 * machine measured), tasks, and "twins", two models equal in everything but the one trait a test varies.
 */
import fc from 'fast-check';
import type { CatalogModel } from '../../shared/lmstudio/types';
import { scoreCandidates } from '../../shared/routing/score-candidates';
import {
  DEFAULT_ROUTING_POLICY,
  TASK_KINDS,
  type CandidateScore,
  type ModelEvidence,
  type RoutingEndpoint,
  type RoutingPolicy,
  type RoutingState,
  type TaskKind,
  type TaskProfile,
} from '../../shared/routing/types';

/** Bounded so `npm test` keeps its time; the generators are small, so 60 runs cover them well. */
export const RUNS = { numRuns: 60 };

export const TINY_PARAMS = ['0.5B', '1B', '1.5B', '2B'];
export const OTHER_PARAMS = ['3B', '3.8B', '7B', '8B', '12B', '14B', '20B', '32B', '70B'];

export interface ModelSpec {
  params: string | null;
  coder: boolean;
  vision: boolean;
  reasoning: boolean;
  maxCtx: number;
  evidence: ModelEvidence | undefined;
}

const evidenceArb: fc.Arbitrary<ModelEvidence | undefined> = fc.option(
  fc.record(
    {
      tokensPerSecond: fc.option(fc.double({ min: 1, max: 300, noNaN: true }), { nil: undefined }),
      ttftMs: fc.option(fc.integer({ min: 20, max: 8000 }), { nil: undefined }),
      ratings: fc.option(fc.dictionary(fc.constantFrom(...TASK_KINDS), fc.record({ up: fc.nat(5), down: fc.nat(5) })), {
        nil: undefined,
      }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

export const specArb: fc.Arbitrary<ModelSpec> = fc.record({
  params: fc.option(fc.constantFrom(...TINY_PARAMS, ...OTHER_PARAMS), { nil: null }),
  coder: fc.boolean(),
  vision: fc.boolean(),
  reasoning: fc.boolean(),
  maxCtx: fc.constantFrom(16384, 32768, 131072),
  evidence: evidenceArb,
});

/** A task as the detector would report it; vision only when `kinds` asks for it. */
export const taskArb = (
  kinds: readonly TaskKind[] = ['code', 'quick', 'chat', 'long-context'],
): fc.Arbitrary<TaskProfile> =>
  fc
    .record({
      kind: fc.constantFrom(...kinds),
      language: fc.constantFrom('en' as const, 'pt-BR' as const, 'unknown' as const),
      hasCode: fc.boolean(),
      promptTokens: fc.integer({ min: 1, max: 3000 }),
    })
    .map((t) => ({ ...t, answerBudget: 1024, confidence: 0.8, signals: [] }));

/** A catalog entry for a spec; the key carries the family ("-coder") the way real keys do. */
export function catalogModel(
  key: string,
  spec: ModelSpec,
  loaded: false | { ctx: number | null; status?: 'idle' | 'generating' },
): CatalogModel {
  return {
    key,
    displayName: key,
    type: spec.vision ? 'vlm' : 'llm',
    publisher: null,
    architecture: null,
    quantization: 'Q4_K_M',
    bitsPerWeight: 4,
    sizeBytes: null,
    paramsString: spec.params,
    format: 'gguf',
    maxContextLength: spec.maxCtx,
    capabilities: { vision: spec.vision, toolUse: true, reasoning: spec.reasoning },
    path: null,
    loadedInstances: loaded
      ? [
          {
            instanceId: key,
            modelKey: key,
            contextLength: loaded.ctx,
            gpuOffload: null,
            ttlSeconds: null,
            flashAttention: null,
            offloadKvCacheToGpu: null,
            status: loaded.status ?? 'idle',
          },
        ]
      : [],
  };
}

/** Other models on this machine, around the ones a property compares (keys never clash with "twin-"). */
export const rivalsArb: fc.Arbitrary<CatalogModel[]> = fc
  .array(fc.tuple(specArb, fc.boolean()), { maxLength: 4 })
  .map((xs) =>
    xs.map(([s, loaded], i) =>
      catalogModel(`rival-${i}-${s.coder ? 'coder' : 'chat'}`, s, loaded ? { ctx: s.maxCtx } : false),
    ),
  );

/** Keys for two twins of a spec: the expected winner sorts last by key, so a tie puts it second and fails. */
export function twinKeys(spec: ModelSpec): { winner: string; loser: string } {
  const family = spec.coder ? 'coder' : 'chat';
  return { winner: `twin-b-${family}`, loser: `twin-a-${family}` };
}

export const localEndpoint = (models: CatalogModel[]): RoutingEndpoint => ({
  id: 'local',
  label: 'this PC',
  kind: 'local',
  reachable: true,
  models,
});

/** JIT allowed and plenty of VRAM, so every model can be loaded and only the weights decide. */
export const JIT_POLICY: RoutingPolicy = { ...DEFAULT_ROUTING_POLICY, allowJitLoad: true };
const FITS = (): number => 1e9;

export function score(
  task: TaskProfile,
  state: Omit<RoutingState, 'vramFreeBytes'>,
  policy: RoutingPolicy = JIT_POLICY,
): CandidateScore[] {
  return scoreCandidates(task, task.promptTokens + task.answerBudget, { vramFreeBytes: 1e12, ...state }, policy, FITS);
}

/** Position of a candidate in the ranking (throws when it is missing or left out, which is a test bug). */
export function rankOf(scores: CandidateScore[], key: string, endpointId = 'local'): number {
  const i = scores.findIndex((s) => s.modelKey === key && s.endpointId === endpointId);
  if (i < 0 || !scores[i]!.eligible)
    throw new Error(`${key} on ${endpointId} is not an eligible candidate: ${scores[i]?.excludedBecause ?? 'absent'}`);
  return i;
}

export function totalOf(scores: CandidateScore[], key: string, endpointId = 'local'): number {
  return scores[rankOf(scores, key, endpointId)]!.total;
}
