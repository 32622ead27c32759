/**
 * The scorer's rules one by one: who is left out and why, the context a load would use, the notes the
 * reason line reads, how well each family fits each task, and a deterministic order on ties.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { scoreCandidates, taskMatch } from '../../../shared/routing/score-candidates';
import { modelTraits } from '../../../shared/routing/model-traits';
import {
  DEFAULT_ROUTING_POLICY,
  type LoadEstimator,
  type RoutingEndpoint,
  type RoutingState,
  type TaskKind,
  type TaskProfile,
} from '../../../shared/routing/types';
import { model } from '../../support/catalog';

const task = (kind: TaskKind, extra: Partial<TaskProfile> = {}): TaskProfile => ({
  kind,
  language: 'en',
  promptTokens: 100,
  answerBudget: 1000,
  confidence: 0.8,
  hasCode: false,
  signals: [],
  ...extra,
});
const local = (models: CatalogModel[]): RoutingEndpoint => ({
  id: 'local',
  label: 'this PC',
  kind: 'local',
  reachable: true,
  models,
});
const JIT = { ...DEFAULT_ROUTING_POLICY, allowJitLoad: true };
const run = (
  t: TaskProfile,
  state: Partial<RoutingState> & Pick<RoutingState, 'endpoints'>,
  needed = 1100,
  policy = JIT,
  estimate: LoadEstimator = () => 2e9,
) => scoreCandidates(t, needed, { vramFreeBytes: 10e9, ...state }, policy, estimate);
const one = (t: TaskProfile, m: CatalogModel, extra: Partial<RoutingState> = {}, needed?: number) =>
  run(t, { endpoints: [local([m])], ...extra }, needed)[0]!;

describe('who is left out, and why', () => {
  it('embeddings, a picture without vision, tools without tool use', () => {
    expect(one(task('chat'), model('text-embedding-nomic-embed-text-v1.5', [{ ctx: 2048 }])).exclusion).toEqual({
      kind: 'embedding',
    });
    expect(one(task('vision'), model('qwen2.5-7b-instruct', [{ ctx: 8192 }])).exclusion).toEqual({ kind: 'no-vision' });
    expect(one(task('vision'), model('qwen/qwen2.5-vl-7b', [{ ctx: 8192 }])).eligible).toBe(true);
    const noTools = one(task('code', { needsTools: true }), model('deepseek-coder-33b-instruct', [{ ctx: 8192 }]));
    expect(noTools).toMatchObject({
      eligible: false,
      exclusion: { kind: 'no-tools' },
      excludedBecause: 'not trained for tool use',
      total: 0,
    });
    expect(one(task('code', { needsTools: true }), model('qwen2.5-coder-7b-instruct', [{ ctx: 8192 }])).eligible).toBe(
      true,
    );
  });

  it('a loaded context too small for the prompt, or a model whose maximum is', () => {
    expect(one(task('chat'), model('qwen2.5-7b-instruct', [{ ctx: 4096 }]), {}, 4097).exclusion).toEqual({
      kind: 'context',
      have: 4096,
      need: 4097,
    });
    expect(one(task('chat'), model('qwen2.5-7b-instruct', [{ ctx: 4096 }]), {}, 4096).eligible).toBe(true);
    expect(one(task('chat'), model('deepseek-coder-33b-instruct'), {}, 16385).exclusion).toEqual({
      kind: 'max-context',
      have: 16384,
      need: 16385,
    });
    expect(one(task('chat'), model('deepseek-coder-33b-instruct'), {}, 16384).eligible).toBe(true);
  });

  it('a load when JIT is off here, or not offered there, or the memory is unknown or too small', () => {
    const m = model('qwen2.5-7b-instruct');
    expect(run(task('chat'), { endpoints: [local([m])] }, 1100, DEFAULT_ROUTING_POLICY)[0]!.exclusion).toEqual({
      kind: 'jit-off',
    });
    const remote = (jit?: boolean): RoutingEndpoint => ({
      id: 'ws2',
      label: 'ws2',
      kind: 'remote',
      reachable: true,
      models: [m],
      ...(jit === undefined ? {} : { jit }),
    });
    expect(run(task('chat'), { endpoints: [remote()] })[0]!.exclusion).toEqual({ kind: 'jit-off' });
    expect(run(task('chat'), { endpoints: [remote(true)] })[0]!.notes).toContainEqual({ kind: 'loads-on-demand' });
    // A remote machine's VRAM is its own business: this machine's figure does not apply.
    expect(run(task('chat'), { endpoints: [remote(true)], vramFreeBytes: null })[0]!.eligible).toBe(true);
    expect(run(task('chat'), { endpoints: [local([m])], vramFreeBytes: null })[0]!.exclusion).toEqual({
      kind: 'memory-unknown',
    });
    expect(run(task('chat'), { endpoints: [local([m])] }, 1100, JIT, () => null)[0]!.exclusion).toEqual({
      kind: 'memory-unknown',
    });
    expect(run(task('chat'), { endpoints: [local([m])], vramFreeBytes: 2e9 - 1 })[0]!.exclusion).toEqual({
      kind: 'too-big',
      bytes: 2e9,
      freeBytes: 2e9 - 1,
    });
    const fits = run(task('chat'), { endpoints: [local([m])], vramFreeBytes: 2e9 })[0]!;
    expect(fits).toMatchObject({ eligible: true, loaded: false });
    expect(fits.notes).toContainEqual({ kind: 'loads-now', bytes: 2e9, freeBytes: 2e9 });
  });

  it('an unreachable endpoint offers nothing; a cloud model is ready without a load', () => {
    const m = model('qwen2.5-7b-instruct');
    expect(run(task('chat'), { endpoints: [{ ...local([m]), reachable: false }] })).toEqual([]);
    const cloud = run(
      task('chat'),
      { endpoints: [{ id: 'c', label: 'cloud', kind: 'cloud', reachable: true, models: [m] }] },
      1100,
      DEFAULT_ROUTING_POLICY,
    )[0]!;
    expect(cloud).toMatchObject({ eligible: true, loaded: true, endpointKind: 'cloud', instanceId: null });
    expect(cloud.notes[0]).toEqual({ kind: 'cloud' });
    expect(cloud.contextLength).toBe(32768);
    // Its size says nothing about its speed from here: no speed prior, only what was measured.
    expect(cloud.parts.speed).toBeUndefined();
  });
});

describe('the context a load would use', () => {
  it('at least 8k, more when the prompt needs it, never over the model maximum', () => {
    const estimate = (_m: CatalogModel, ctx: number) => ctx * 1000;
    const ctx = (m: CatalogModel, needed: number) =>
      run(task('chat'), { endpoints: [local([m])], vramFreeBytes: 1e12 }, needed, JIT, estimate)[0]!;
    expect(ctx(model('qwen2.5-7b-instruct'), 1100).contextLength).toBe(8192);
    expect(ctx(model('qwen2.5-7b-instruct'), 20_000).contextLength).toBe(20_000);
    const unknownMax = { ...model('qwen2.5-7b-instruct'), maxContextLength: null };
    expect(ctx(unknownMax, 1100).contextLength).toBe(1100);
    // The memory check is made for that context.
    expect(ctx(model('qwen2.5-7b-instruct'), 20_000).notes).toContainEqual({
      kind: 'loads-now',
      bytes: 20_000_000,
      freeBytes: 1e12,
    });
  });

  it('every loaded instance is a candidate of its own, with its own context', () => {
    const scores = run(
      task('chat'),
      {
        endpoints: [
          local([
            model('qwen2.5-7b-instruct', [
              { ctx: 4096, id: 'small' },
              { ctx: 32768, id: 'big' },
            ]),
          ]),
        ],
      },
      8000,
    );
    expect(scores.map((s) => [s.instanceId, s.eligible, s.contextLength])).toEqual([
      ['big', true, 32768],
      ['small', false, 4096],
    ]);
  });
});

describe('notes for the reason line', () => {
  it('a loaded coder on another machine: coder first, then loaded, then where', () => {
    const ep: RoutingEndpoint = {
      id: 'ws2',
      label: 'workstation-2',
      kind: 'remote',
      reachable: true,
      models: [model('qwen2.5-coder-7b-instruct', [{ ctx: 8192 }])],
    };
    const s = run(task('code'), { endpoints: [ep] })[0]!;
    expect(s.notes).toEqual([
      { kind: 'coder' },
      { kind: 'loaded' },
      { kind: 'remote', label: 'workstation-2' },
      { kind: 'context-fits', tokens: 8192 },
    ]);
  });

  it('a small model on a quick question, busy, of unknown context, measured and rated', () => {
    const s = one(task('quick'), model('llama-3.2-3b-instruct', [{ ctx: null, status: 'generating' }]), {
      evidence: {
        'llama-3.2-3b-instruct': {
          tokensPerSecond: 150,
          ratings: { quick: { up: 2, down: 1 } },
          stars: { quick: { mean: 4, count: 1 } },
        },
      },
    });
    expect(s.notes).toEqual([
      { kind: 'small' },
      { kind: 'loaded' },
      { kind: 'context-unknown' },
      { kind: 'busy' },
      { kind: 'measured', tokensPerSecond: 150 },
      { kind: 'ratings', up: 2, down: 1, task: 'quick' },
      { kind: 'stars', mean: 4 },
    ]);
  });

  it('evidence with nothing in it adds no note and no points', () => {
    const bare = one(task('quick'), model('llama-3.2-3b-instruct', [{ ctx: 8192 }]));
    const empty = one(task('quick'), model('llama-3.2-3b-instruct', [{ ctx: 8192 }]), {
      evidence: {
        'llama-3.2-3b-instruct': {
          tokensPerSecond: 0,
          ttftMs: 0,
          ratings: { quick: { up: 0, down: 0 } },
          stars: { quick: { mean: 5, count: 0 } },
        },
      },
    });
    expect(empty.notes).toEqual(bare.notes);
    expect(empty.parts).toEqual(bare.parts);
  });
});

describe('how well a family fits a task (the confidence in a choice)', () => {
  const fit = (kind: TaskKind, key: string) => {
    const m = model(key);
    return taskMatch(task(kind), modelTraits(m), DEFAULT_ROUTING_POLICY);
  };

  it('code: a coder, then a 7B+ generalist, then a small one', () => {
    expect(fit('code', 'qwen2.5-coder-7b-instruct')).toBeGreaterThan(fit('code', 'qwen2.5-7b-instruct'));
    expect(fit('code', 'qwen2.5-7b-instruct')).toBeGreaterThan(fit('code', 'phi-3.5-mini-instruct'));
    expect(fit('code', 'qwen2.5-coder-7b-instruct')).toBe(1);
  });

  it('chat: a large generalist, then a small one, then a coder or a tiny model', () => {
    expect(fit('chat', 'qwen2.5-14b-instruct-1m')).toBe(1);
    expect(fit('chat', 'qwen2.5-14b-instruct-1m')).toBeGreaterThan(fit('chat', 'qwen2.5-7b-instruct'));
    expect(fit('chat', 'qwen2.5-7b-instruct')).toBeGreaterThan(fit('chat', 'qwen2.5-coder-14b-instruct'));
    expect(fit('chat', 'qwen2.5-7b-instruct')).toBeGreaterThan(fit('chat', 'llama-3.2-1b-instruct'));
    expect(fit('chat', 'llama-3.2-3b-instruct')).toBe(fit('chat', 'qwen2.5-7b-instruct'));
  });

  it('quick: small beats large; vision: only vision; long context: a long-context family', () => {
    expect(fit('quick', 'qwen2.5-7b-instruct')).toBeGreaterThan(fit('quick', 'qwen2.5-14b-instruct-1m'));
    expect(fit('vision', 'google/gemma-3-12b')).toBe(1);
    expect(fit('vision', 'qwen2.5-7b-instruct')).toBe(0);
    expect(fit('long-context', 'qwen2.5-14b-instruct-1m')).toBeGreaterThan(fit('long-context', 'qwen2.5-7b-instruct'));
  });

  it('an unknown size fits as a generalist, never as a small or tiny model', () => {
    const unknown = { ...model('qwen2.5-7b-instruct'), key: 'mystery-instruct', paramsString: null };
    const traits = modelTraits(unknown);
    expect(taskMatch(task('code'), traits, DEFAULT_ROUTING_POLICY)).toBe(fit('code', 'qwen2.5-7b-instruct'));
    expect(taskMatch(task('quick'), traits, DEFAULT_ROUTING_POLICY)).toBe(fit('quick', 'qwen2.5-14b-instruct-1m'));
    expect(taskMatch(task('chat'), traits, DEFAULT_ROUTING_POLICY)).toBe(1);
  });
});

describe('order', () => {
  it('eligible first, best first, and equal scores by key so the same state always routes the same way', () => {
    const twin = (key: string): CatalogModel => ({
      ...model('qwen2.5-7b-instruct', [{ ctx: 8192 }]),
      key,
      displayName: key,
      loadedInstances: [
        { ...model('qwen2.5-7b-instruct', [{ ctx: 8192 }]).loadedInstances[0]!, instanceId: key, modelKey: key },
      ],
    });
    const scores = run(task('chat'), {
      endpoints: [
        local([model('text-embedding-nomic-embed-text-v1.5'), twin('b-model'), twin('c-model'), twin('a-model')]),
      ],
    });
    expect(scores.map((s) => s.modelKey)).toEqual([
      'a-model',
      'b-model',
      'c-model',
      'text-embedding-nomic-embed-text-v1.5',
    ]);
    const reversed = run(task('chat'), { endpoints: [local([twin('c-model'), twin('a-model'), twin('b-model')])] });
    expect(reversed.map((s) => s.modelKey)).toEqual(['a-model', 'b-model', 'c-model']);
  });

  it('totals are the parts summed, to one decimal', () => {
    const s = one(task('quick'), model('llama-3.2-3b-instruct', [{ ctx: 8192 }]), {
      evidence: { 'llama-3.2-3b-instruct': { ttftMs: 123 } },
    });
    const sum = Object.values(s.parts).reduce((a, b) => a + b, 0);
    expect(s.total).toBe(Math.round(sum * 10) / 10);
    expect(s.total).not.toBe(sum);
  });
});

describe('edges of the rules', () => {
  const sized = (key: string, params: string | null, loaded: Array<{ ctx: number | null }> = [{ ctx: 8192 }]) => ({
    ...model('qwen2.5-7b-instruct', loaded),
    key,
    displayName: key,
    paramsString: params,
    loadedInstances: model('qwen2.5-7b-instruct', loaded).loadedInstances.map((i) => ({
      ...i,
      instanceId: key,
      modelKey: key,
    })),
  });
  const fitOf = (kind: TaskKind, m: CatalogModel) => taskMatch(task(kind), modelTraits(m), DEFAULT_ROUTING_POLICY);

  it('a model at the small-model limit counts as small', () => {
    const atLimit = sized('edge-instruct', `${DEFAULT_ROUTING_POLICY.smallModelMaxB}B`);
    expect(fitOf('quick', atLimit)).toBe(1);
    expect(one(task('quick'), atLimit).notes).toContainEqual({ kind: 'small' });
  });

  it('long context: without a long-context family any model fits as a generalist, a coder included', () => {
    expect(fitOf('long-context', model('deepseek-coder-33b-instruct'))).toBe(0.7);
    expect(fitOf('long-context', model('codellama-13b-instruct'))).toBe(0.7);
  });

  it('an unknown size takes a middling quality prior, between a 3B and a 7B', () => {
    const quality = (params: string | null) => one(task('chat'), sized('mystery-instruct', params)).parts.quality!;
    expect(quality(null)).toBeGreaterThan(quality('3B'));
    expect(quality(null)).toBeLessThan(quality('7B'));
  });

  it('before anything is measured, a model is expected as fast as its size predicts (560 / B tok/s)', () => {
    const speed = (params: string, ev?: { tokensPerSecond: number }) =>
      one(task('quick'), sized('m-instruct', params), ev ? { evidence: { 'm-instruct': ev } } : {}).parts.speed;
    expect(speed('7B')).toBeCloseTo(speed('7B', { tokensPerSecond: 80 })!, 6);
    expect(speed('14B')).toBeCloseTo(speed('14B', { tokensPerSecond: 40 })!, 6);
    expect(speed('14B')!).toBeLessThan(speed('7B')!);
  });

  it('a measure of zero or less (a failed run) counts as no measure', () => {
    const m = sized('m-instruct', '7B');
    const plain = one(task('quick'), m);
    const nonsense = one(task('quick'), m, { evidence: { 'm-instruct': { tokensPerSecond: -5, ttftMs: -100 } } });
    expect(nonsense.total).toBe(plain.total);
    expect(nonsense.notes).toEqual(plain.notes);
  });

  it('no count of 👍 lifts a model that must load past its loaded twin', () => {
    const loaded = sized('a-loaded-instruct', '7B');
    const cold = sized('b-cold-instruct', '7B', []);
    const scores = run(task('chat'), {
      endpoints: [local([cold, loaded])],
      evidence: { 'b-cold-instruct': { ratings: { chat: { up: 50, down: 0 } } } },
    });
    expect(scores.map((s) => s.modelKey)).toEqual(['a-loaded-instruct', 'b-cold-instruct']);
    expect(scores[1]!.parts.ratings).toBeGreaterThan(0);
  });
});

describe('another machine’s load', () => {
  const agent = (load: NonNullable<RoutingEndpoint['load']>): RoutingEndpoint => ({
    id: 'remote:ws',
    label: 'ws',
    kind: 'remote',
    reachable: true,
    machine: 'ws',
    models: [model('qwen2.5-7b-instruct', [{ ctx: 8192 }])],
    load,
  });
  const on = (load: NonNullable<RoutingEndpoint['load']>) => run(task('chat'), { endpoints: [agent(load)] })[0]!;
  const kinds = (load: NonNullable<RoutingEndpoint['load']>) => on(load).notes.map((n) => n.kind);

  it('calls a machine idle only with nothing waiting, no model busy and its GPU under 50 %', () => {
    expect(kinds({ queue: 0, busyModels: [], gpuUtilizationPercent: 49 })).toContain('idle');
    expect(kinds({ queue: 0, busyModels: [], gpuUtilizationPercent: null })).toContain('idle');
    expect(kinds({ queue: 0, busyModels: ['llama-3.2-3b-instruct'], gpuUtilizationPercent: 10 })).not.toContain('idle');
    expect(kinds({ queue: 0, busyModels: [], gpuUtilizationPercent: 50 })).not.toContain('idle');
    expect(kinds({ queue: 2, busyModels: [], gpuUtilizationPercent: 10 })).not.toContain('idle');
  });

  it('counts the GPU busy from 50 %, costing more as it fills, no more past 100 %', () => {
    const gpu = (percent: number) => on({ queue: 0, busyModels: [], gpuUtilizationPercent: percent });
    expect(gpu(50).notes).toContainEqual({ kind: 'gpu-busy', percent: 50 });
    expect(gpu(50).parts.gpu).toBeLessThan(0);
    expect(gpu(100).parts.gpu!).toBeLessThan(gpu(75).parts.gpu!);
    expect(gpu(75).parts.gpu!).toBeLessThan(gpu(50).parts.gpu!);
    expect(gpu(140).parts.gpu).toBe(gpu(100).parts.gpu);
  });
});

describe('long context and vision', () => {
  it('weigh size less than chat does: the family and the room matter more there', () => {
    const big = model('qwen2.5-14b-instruct-1m', [{ ctx: 32768 }]);
    const quality = (kind: TaskKind) => one(task(kind), big).parts.quality!;
    expect(quality('long-context')).toBeLessThan(quality('chat'));
    const eyes = model('google/gemma-3-12b', [{ ctx: 8192 }]);
    expect(one(task('vision'), eyes).parts.quality!).toBeLessThan(one(task('chat'), eyes).parts.quality!);
  });

  it('give room to spare only to a loaded instance with twice the context needed', () => {
    const family = (m: CatalogModel, needed: number) => one(task('long-context'), m, {}, needed).parts.family;
    const roomy = model('qwen2.5-14b-instruct-1m', [{ ctx: 32768 }]);
    expect(family(roomy, 10_000)! - family(roomy, 20_000)!).toBe(4);
    // A load is sized to the prompt: it has no room to spare to reward.
    expect(family(model('qwen2.5-14b-instruct-1m'), 1100)).toBe(family(roomy, 20_000));
  });
});

describe('ties', () => {
  it('keep the order LM Studio lists instances of one model in', () => {
    const twice = model('qwen2.5-7b-instruct', [
      { ctx: 8192, id: 'b-listed-first' },
      { ctx: 8192, id: 'a-listed-second' },
    ]);
    expect(run(task('chat'), { endpoints: [local([twice])] }).map((s) => s.instanceId)).toEqual([
      'b-listed-first',
      'a-listed-second',
    ]);
  });
});
