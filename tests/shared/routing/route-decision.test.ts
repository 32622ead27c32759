/**
 * The router's decision around the scores: how a task hint applies, how sure it is of a choice, when it
 * doubts into the cloud, when a remote answer is a fallback, and what an override reports.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { routeRequest } from '../../../shared/routing/route-request';
import type { RouteRequest, RoutingEndpoint, RoutingState } from '../../../shared/routing/types';
import { model } from '../../support/catalog';

const localEp = (models: CatalogModel[], reachable = true): RoutingEndpoint => ({
  id: 'local',
  label: 'this PC',
  kind: 'local',
  reachable,
  models,
});
const remoteEp = (models: CatalogModel[]): RoutingEndpoint => ({
  id: 'ws2',
  label: 'workstation-2',
  kind: 'remote',
  reachable: true,
  models,
});
const cloudModel: CatalogModel = {
  ...model('qwen2.5-7b-instruct'),
  key: 'claude-sonnet-4',
  displayName: 'Claude Sonnet',
  paramsString: null,
  sizeBytes: null,
  maxContextLength: 200_000,
};
const cloudEp: RoutingEndpoint = {
  id: 'cloud',
  label: 'Anthropic',
  kind: 'cloud',
  reachable: true,
  models: [cloudModel],
};
const route = (text: string, state: RoutingState, extra: Partial<RouteRequest> = {}, policy = {}) =>
  routeRequest({ messages: [{ role: 'user', text }], ...extra }, state, { policy });

const QUICK = 'Qual a capital da Austrália?'; // detected quick at 0.8
const SMALL: RoutingState = {
  endpoints: [localEp([model('llama-3.2-3b-instruct', [{ ctx: 8192 }])])],
  vramFreeBytes: 0,
};

describe('task hints', () => {
  it('a hint for another kind takes over: at least 0.85 sure, its answer budget, named in the signals', () => {
    const t = route(QUICK, SMALL, { taskHint: 'chat' }).task;
    expect(t).toMatchObject({ kind: 'chat', confidence: 0.85, answerBudget: 1024, hasCode: false });
    expect(t.signals).toEqual(['short (5 words)', 'classified as chat']);
    expect(route('```\nTraceback (most recent call last)\n```', SMALL, { taskHint: 'quick' }).task).toMatchObject({
      kind: 'quick',
      confidence: 1,
      hasCode: true,
      answerBudget: 512,
    });
    expect(route(QUICK, SMALL, { taskHint: 'code', maxTokens: 99 }).task).toMatchObject({
      kind: 'code',
      hasCode: true,
      answerBudget: 99,
    });
  });

  it('a hint that agrees, or names vision or long context, changes nothing', () => {
    const plain = route(QUICK, SMALL).task;
    expect(route(QUICK, SMALL, { taskHint: 'quick' }).task).toEqual(plain);
    expect(route(QUICK, SMALL, { taskHint: 'vision' }).task).toEqual(plain);
    expect(route(QUICK, SMALL, { taskHint: 'long-context' }).task).toEqual(plain);
    const long = route('palavra '.repeat(3000), SMALL, { taskHint: 'quick' }).task;
    expect(long.kind).toBe('long-context');
    expect(long.signals).not.toContain('classified as quick');
  });
});

describe('context wanted by the caller', () => {
  it('rules out an instance smaller than the context the caller asks for, even for a short prompt', () => {
    const d = route(QUICK, SMALL, { wantedContext: 8193 });
    expect(d.choice).toBeNull();
    expect(d.reasonParts).toMatchObject({ kind: 'none', exclusion: { kind: 'context', have: 8192, need: 8193 } });
    expect(route(QUICK, SMALL, { wantedContext: 8192 }).choice?.modelKey).toBe('llama-3.2-3b-instruct');
  });
});

describe('confidence in the choice', () => {
  it('is the detection confidence times how well the model fits, a little less when it must load', () => {
    expect(route(QUICK, SMALL).confidence).toBe(0.8);
    // A 33B for a quick question fits at 0.7.
    expect(
      route(QUICK, { endpoints: [localEp([model('deepseek-coder-33b-instruct', [{ ctx: 8192 }])])], vramFreeBytes: 0 })
        .confidence,
    ).toBe(0.56);
    const jit = route(
      QUICK,
      { endpoints: [localEp([model('llama-3.2-3b-instruct')])], vramFreeBytes: 20e9 },
      {},
      { allowJitLoad: true },
    );
    expect(jit.choice?.needsLoad).toBe(true);
    expect(jit.confidence).toBe(0.72);
    // Rounded to two decimals: 0.8 × 0.7 × 0.9 = 0.504.
    const bigJit = route(
      QUICK,
      { endpoints: [localEp([model('deepseek-coder-33b-instruct')])], vramFreeBytes: 40e9 },
      {},
      { allowJitLoad: true },
    );
    expect(bigJit.confidence).toBe(0.5);
  });

  it("moves with the user's ratings for the task once there are two, and stays within 0..1", () => {
    const rated = (up: number, down: number) =>
      route(QUICK, { ...SMALL, evidence: { 'llama-3.2-3b-instruct': { ratings: { quick: { up, down } } } } })
        .confidence;
    expect(rated(1, 0)).toBe(0.8);
    expect(rated(1, 1)).toBe(0.8);
    expect(rated(1, 3)).toBe(0.7);
    // Two votes are enough: two 👎 with no 👍 doubt the model, one does not.
    expect(rated(0, 1)).toBe(0.8);
    expect(rated(0, 2)).toBe(0.6);
    expect(rated(9, 0)).toBe(1);
    const doubtful = {
      endpoints: [localEp([model('deepseek-coder-33b-instruct', [{ ctx: 8192 }])])],
      vramFreeBytes: 0,
      evidence: { 'deepseek-coder-33b-instruct': { ratings: { chat: { up: 0, down: 9 } } } },
    };
    // A chat with a weak code hint (0.45) to a coder (0.4 fit), rated 👎 nine times: below zero, so 0.
    expect(
      route('Explain why this bug happens when the moon is full and the tide is very high tonight', doubtful)
        .confidence,
    ).toBe(0);
  });
});

describe('doubt, fallback and nothing', () => {
  const withCloud: RoutingState = { ...SMALL, endpoints: [...SMALL.endpoints, cloudEp] };

  it('goes to the cloud only below the doubt line, not on it', () => {
    expect(route(QUICK, withCloud, {}, { doubtBelow: 0.8 }).choice?.source).toBe('auto');
    const doubt = route(QUICK, withCloud, {}, { doubtBelow: 0.81 });
    expect(doubt.choice).toMatchObject({ modelKey: 'claude-sonnet-4', source: 'doubt-cloud', endpointKind: 'cloud' });
    expect(doubt.runnersUp.map((r) => r.modelKey)).toEqual(['llama-3.2-3b-instruct']);
    expect(doubt.reasonParts).toMatchObject({
      kind: 'doubt-cloud',
      localModel: 'llama-3.2-3b-instruct',
      cloudLabel: 'Anthropic',
      confidence: 0.8,
    });
  });

  it('lists up to three local runners-up and then the cloud', () => {
    const four = localEp(
      [
        'qwen2.5-7b-instruct',
        'mistral-7b-instruct-v0.3',
        'phi-3.5-mini-instruct',
        'llama-3.2-1b-instruct',
        'llama-3.2-3b-instruct',
      ].map((k) => model(k, [{ ctx: 8192 }])),
    );
    const d = route(QUICK, { endpoints: [four, cloudEp], vramFreeBytes: 0 });
    expect(d.choice?.endpointKind).toBe('local');
    expect(d.runnersUp).toHaveLength(4);
    expect(d.runnersUp.map((r) => r.endpointKind)).toEqual(['local', 'local', 'local', 'cloud']);
  });

  it('a remote model is a fallback only when nothing on this machine fits', () => {
    const coder = model('deepseek-coder-33b-instruct', [{ ctx: 16384 }]);
    expect(
      route('```py\nx = 1\n```', { endpoints: [localEp([]), remoteEp([coder])], vramFreeBytes: 0 }).choice,
    ).toMatchObject({ endpointId: 'ws2', source: 'fallback' });
    const both = route('```py\nx = 1\n```', { endpoints: [...SMALL.endpoints, remoteEp([coder])], vramFreeBytes: 0 });
    expect(both.choice).toMatchObject({ endpointId: 'ws2', source: 'auto' });
  });

  it('says why nothing answers: unreachable (with the cause), no models, or nothing fits', () => {
    const img = { images: 1 } as const;
    const down = (cause?: RoutingEndpoint['unreachableCause']) =>
      routeRequest(
        { messages: [{ role: 'user', text: 'what?', ...img }] },
        { endpoints: [{ ...localEp([], false), ...(cause ? { unreachableCause: cause } : {}) }], vramFreeBytes: null },
      ).reasonParts;
    expect(down('unauthorized')).toMatchObject({ kind: 'none', why: 'unreachable', cause: 'unauthorized' });
    expect(down('not-running')).not.toHaveProperty('cause');
    expect(down()).not.toHaveProperty('cause');
    const noVision = routeRequest({ messages: [{ role: 'user', text: 'what?', ...img }] }, SMALL);
    expect(noVision.reasonParts).toMatchObject({ kind: 'none', why: 'nothing-fits', exclusion: { kind: 'no-vision' } });
    expect(noVision.confidence).toBe(0);
    expect(
      routeRequest({ messages: [{ role: 'user', text: 'oi' }] }, { endpoints: [localEp([])], vramFreeBytes: null })
        .reasonParts,
    ).toMatchObject({ why: 'no-models', exclusion: null });
  });

  it("the cause of an unreachable LM Studio is this machine's, else the first endpoint's", () => {
    const img = { messages: [{ role: 'user' as const, text: 'what?', images: 1 }] };
    const other: RoutingEndpoint = { ...remoteEp([]), reachable: false, unreachableCause: 'not-lmstudio' };
    const here: RoutingEndpoint = { ...localEp([], false), unreachableCause: 'unauthorized' };
    expect(routeRequest(img, { endpoints: [other, here], vramFreeBytes: null }).reasonParts).toMatchObject({
      why: 'unreachable',
      cause: 'unauthorized',
    });
    expect(routeRequest(img, { endpoints: [other], vramFreeBytes: null }).reasonParts).toMatchObject({
      why: 'unreachable',
      cause: 'not-lmstudio',
    });
  });

  it('lists each model once per machine among the runners-up', () => {
    const twice = model('qwen2.5-7b-instruct', [
      { ctx: 8192, id: 'a' },
      { ctx: 8192, id: 'b' },
    ]);
    const d = route(QUICK, {
      endpoints: [
        localEp([model('llama-3.2-3b-instruct', [{ ctx: 8192 }]), twice]),
        remoteEp([model('qwen2.5-7b-instruct', [{ ctx: 8192 }])]),
      ],
      vramFreeBytes: 0,
    });
    expect(d.runnersUp.map((r) => `${r.endpointId}/${r.modelKey}`)).toEqual([
      'local/qwen2.5-7b-instruct',
      'ws2/qwen2.5-7b-instruct',
    ]);
  });

  it("names a loaded model's exclusion first: it says the most", () => {
    const state: RoutingState = {
      endpoints: [localEp([model('llama-3.2-1b-instruct'), model('llama-3.2-3b-instruct', [{ ctx: 2048 }])])],
      vramFreeBytes: null,
    };
    const d = route('palavra '.repeat(1000), state, {}, { allowJitLoad: true });
    expect(d.choice).toBeNull();
    expect(d.reasonParts).toMatchObject({ kind: 'none', exclusion: { kind: 'context', have: 2048 } });
  });
});

describe('overrides', () => {
  const two: RoutingState = {
    endpoints: [localEp([model('llama-3.2-3b-instruct', [{ ctx: 8192 }]), model('qwen2.5-7b-instruct')])],
    vramFreeBytes: 0,
  };

  it('reports the state of the chosen model: loaded, not loaded, left out', () => {
    expect(route(QUICK, two, { model: 'llama-3.2-3b-instruct' }).reasonParts).toMatchObject({
      kind: 'override',
      state: 'loaded',
      mention: null,
    });
    const cold = route(QUICK, two, { model: 'qwen2.5-7b-instruct' });
    expect(cold.reasonParts).toMatchObject({ state: 'excluded', exclusion: { kind: 'jit-off' } });
    expect(cold.confidence).toBe(1);
    expect(cold.runnersUp.map((r) => r.modelKey)).toEqual(['llama-3.2-3b-instruct']);
    expect(
      route(QUICK, { ...two, vramFreeBytes: 20e9 }, { model: 'qwen2.5-7b-instruct' }, { allowJitLoad: true })
        .reasonParts,
    ).toMatchObject({ state: 'not-loaded' });
  });

  it('a model outside the catalog goes to this machine, as named, with nothing assumed about it', () => {
    const pc: RoutingState = { endpoints: [remoteEp([]), { ...localEp([]), id: 'pc' }], vramFreeBytes: 0 };
    expect(route(QUICK, pc, { model: 'new-model' }).choice).toEqual({
      modelKey: 'new-model',
      instanceId: null,
      endpointId: 'pc',
      endpointKind: 'local',
      machine: null,
      needsLoad: false,
      contextLength: null,
      score: 0,
      source: 'override',
    });
    expect(
      route(QUICK, { endpoints: [remoteEp([])], vramFreeBytes: 0 }, { model: 'new-model' }).choice?.endpointId,
    ).toBe('local');
  });

  it('offers at most three other models as runners-up', () => {
    const five = localEp(
      [
        'qwen2.5-7b-instruct',
        'mistral-7b-instruct-v0.3',
        'phi-3.5-mini-instruct',
        'llama-3.2-1b-instruct',
        'llama-3.2-3b-instruct',
      ].map((k) => model(k, [{ ctx: 8192 }])),
    );
    const d = route(QUICK, { endpoints: [five], vramFreeBytes: 0 }, { model: 'qwen2.5-7b-instruct' });
    expect(d.runnersUp).toHaveLength(3);
    expect(d.runnersUp.map((r) => r.modelKey)).not.toContain('qwen2.5-7b-instruct');
  });

  it('"auto" routes as if no model were named', () => {
    expect(route(QUICK, two, { model: 'auto' }).choice?.source).toBe('auto');
  });
});

describe('what a decision carries', () => {
  const FIVE = [
    'qwen2.5-7b-instruct',
    'mistral-7b-instruct-v0.3',
    'phi-3.5-mini-instruct',
    'llama-3.2-1b-instruct',
    'llama-3.2-3b-instruct',
  ].map((k) => model(k, [{ ctx: 8192 }]));
  const CODE = '```py\nx = 1\n```';

  it('keeps the hint’s answer budget when max_tokens is zero or less (no limit, to some clients)', () => {
    expect(route(QUICK, SMALL, { taskHint: 'code', maxTokens: -1 }).task.answerBudget).toBe(2048);
    expect(route(QUICK, SMALL, { taskHint: 'code', maxTokens: 0 }).task.answerBudget).toBe(2048);
  });

  it('is as sure of a model whatever is listed before it, on its machine or on another', () => {
    const coder = model('qwen2.5-coder-7b-instruct', [{ ctx: 8192 }]);
    const alone = route(CODE, { endpoints: [localEp([coder])], vramFreeBytes: 0 });
    const afterOthers = route(CODE, {
      endpoints: [remoteEp([model('qwen2.5-7b-instruct', [{ ctx: 8192 }])]), localEp([FIVE[0]!, coder])],
      vramFreeBytes: 0,
    });
    expect(afterOthers.choice?.modelKey).toBe('qwen2.5-coder-7b-instruct');
    expect(afterOthers.confidence).toBe(alone.confidence);
  });

  it('answers an override where its name resolved, with that candidate’s facts', () => {
    // The same model loaded here (busy) and on another machine (free): the name resolves here.
    const d = route(
      QUICK,
      {
        endpoints: [
          localEp([model('qwen2.5-7b-instruct', [{ ctx: 8192, status: 'generating' }])]),
          remoteEp([model('qwen2.5-7b-instruct', [{ ctx: 8192 }])]),
        ],
        vramFreeBytes: 0,
      },
      { model: 'qwen2.5-7b-instruct' },
    );
    const here = d.scores.find((s) => s.endpointId === 'local')!;
    expect(d.scores[0]!.endpointId).toBe('ws2');
    expect(d.choice).toMatchObject({ endpointId: 'local', machine: null, score: here.total });
  });

  it('never offers the model the user named as its own runner-up; runners-up are the router’s', () => {
    const auto = route(QUICK, { endpoints: [localEp(FIVE)], vramFreeBytes: 0 });
    const best = auto.choice!.modelKey;
    const d = route(QUICK, { endpoints: [localEp(FIVE)], vramFreeBytes: 0 }, { model: best });
    expect(d.choice?.modelKey).toBe(best);
    expect(d.runnersUp.map((r) => r.modelKey)).not.toContain(best);
    expect(d.runnersUp.map((r) => r.source)).toEqual(['auto', 'auto', 'auto']);
  });

  it('in doubt, offers at most three local models beside the cloud', () => {
    const d = route(QUICK, { endpoints: [localEp(FIVE), cloudEp], vramFreeBytes: 0 }, {}, { doubtBelow: 0.99 });
    expect(d.choice?.source).toBe('doubt-cloud');
    expect(d.runnersUp.map((r) => [r.endpointKind, r.source])).toEqual([
      ['local', 'auto'],
      ['local', 'auto'],
      ['local', 'auto'],
    ]);
  });

  it('offers one cloud model among the runners-up, however many the cloud has', () => {
    const twoClouds: RoutingEndpoint = { ...cloudEp, models: [cloudModel, { ...cloudModel, key: 'claude-opus-4' }] };
    const d = route(QUICK, { endpoints: [localEp(FIVE.slice(0, 2)), twoClouds], vramFreeBytes: 0 });
    expect(d.choice?.endpointKind).toBe('local');
    expect(d.runnersUp.map((r) => [r.endpointKind, r.source])).toEqual([
      ['local', 'auto'],
      ['cloud', 'auto'],
    ]);
  });

  it('with nothing loaded and JIT off, says that loading is off, and offers no runner-up', () => {
    const cold: RoutingState = {
      endpoints: [localEp([model('qwen2.5-7b-instruct'), model('llama-3.2-3b-instruct')])],
      vramFreeBytes: 20e9,
    };
    const d = route(QUICK, cold);
    expect(d.choice).toBeNull();
    expect(d.runnersUp).toEqual([]);
    expect(d.reasonParts).toMatchObject({ kind: 'none', why: 'nothing-fits', exclusion: { kind: 'jit-off' } });
  });

  it('blames nothing fitting, not an unreachable machine, when another machine answered', () => {
    const down: RoutingEndpoint = {
      ...remoteEp([]),
      id: 'gpu-box',
      reachable: false,
      unreachableCause: 'unauthorized',
    };
    const up = remoteEp([model('llama-3.2-3b-instruct', [{ ctx: 8192 }])]);
    const d = routeRequest(
      { messages: [{ role: 'user', text: 'what?', images: 1 }] },
      { endpoints: [down, up], vramFreeBytes: null },
    );
    expect(d.reasonParts).toMatchObject({ kind: 'none', why: 'nothing-fits', exclusion: { kind: 'no-vision' } });
    expect(d.reasonParts).not.toHaveProperty('cause');
  });
});
