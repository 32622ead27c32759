/**
 * When the planner keeps a loaded instance and when it reloads it (issue 15): an instance whose identifier,
 * context, offload and TTL all match the preset is kept (no call to LM Studio); a difference in any one of
 * them, alone, reloads it. Also the reasons each step gives, which the apply progress shows.
 */
import { describe, expect, it } from 'vitest';
import { effectiveContext, instanceMatches, planPresetSwitch } from '../../../shared/presets/plan';
import type { ResolvedModel } from '../../../shared/presets/resolve';
import { instance } from '../../support/catalog-fixture';

const KEY = 'qwen/qwen2.5-7b-instruct';
const OTHER = 'meta/llama-3.2-3b-instruct';
const want = (extra: Partial<ResolvedModel> = {}, key = KEY): ResolvedModel => ({
  key,
  requested: key,
  sizeBytes: null,
  paramsString: null,
  quantization: null,
  path: null,
  ...extra,
});
const steps = (plan: ReturnType<typeof planPresetSwitch>) =>
  plan.steps.map((s) => `${s.action} ${s.instanceId ?? s.key}: ${s.reason}`);
const plan = (
  current: ReturnType<typeof instance>[],
  desired: ResolvedModel[],
  extra: { pinned?: string[]; exclusive?: boolean } = {},
) => planPresetSwitch({ current, desired, pinned: extra.pinned ?? [], exclusive: extra.exclusive ?? true });

const full = { identifier: 'agent', contextLength: 8192, gpuOffload: 0.5, ttlSeconds: 600 } as const;
const loadedFull = instance(KEY, 'agent', { contextLength: 8192, gpuOffload: 0.5, ttlSeconds: 600 });

describe('keep or reload a loaded instance', () => {
  it('keeps an instance whose identifier, context, offload and TTL all match', () => {
    expect(steps(plan([loadedFull], [want(full)]))).toEqual(['keep agent: already loaded with these settings']);
  });

  const oneDifference: [string, Partial<ResolvedModel>][] = [
    ['identifier', { identifier: 'agent-2' }],
    ['context', { contextLength: 4096 }],
    ['offload', { gpuOffload: 0.75 }],
    ['TTL', { ttlSeconds: 3600 }],
  ];
  for (const [what, change] of oneDifference) {
    it(`reloads when only the ${what} differs`, () => {
      const wanted = want({ ...full, ...change });
      expect(instanceMatches(loadedFull, wanted)).toBe(false);
      expect(plan([loadedFull], [wanted]).counts).toEqual({ keep: 0, unload: 1, load: 1 });
    });
  }

  it('takes a context LM Studio does not report (null) as matching', () => {
    expect(instanceMatches(instance(KEY, KEY, { contextLength: null }), want({ contextLength: 8192 }))).toBe(true);
  });

  it('takes a TTL LM Studio does not report (null) as matching, and a TTL the preset does not ask for as anything', () => {
    expect(instanceMatches(instance(KEY, KEY, { ttlSeconds: null }), want({ ttlSeconds: 600 }))).toBe(true);
    expect(instanceMatches(instance(KEY, KEY, { ttlSeconds: 600 }), want())).toBe(true);
  });

  it('treats offload "off" as ratio 0 and "max" as ratio 1, and other ratios as different', () => {
    expect(instanceMatches(instance(KEY, KEY, { gpuOffload: 0 }), want({ gpuOffload: 'off' }))).toBe(true);
    expect(instanceMatches(instance(KEY, KEY, { gpuOffload: 'off' }), want({ gpuOffload: 0 }))).toBe(true);
    expect(instanceMatches(instance(KEY, KEY, { gpuOffload: 'off' }), want({ gpuOffload: 'max' }))).toBe(false);
    expect(instanceMatches(instance(KEY, KEY, { gpuOffload: 1 }), want({ gpuOffload: 'off' }))).toBe(false);
  });

  it('has no effective context when the preset asks for none, whatever the model limit', () => {
    expect(effectiveContext(want({ maxContextLength: 32768 }))).toBeUndefined();
    expect(effectiveContext(want({ contextLength: 65536, maxContextLength: 32768 }))).toBe(32768);
    expect(effectiveContext(want({ contextLength: 8192, maxContextLength: null }))).toBe(8192);
  });
});

describe('the most specific request is matched first', () => {
  // Each pair: a generic request listed first, and a specific one that only the first instance satisfies.
  // Matching the generic one first would take that instance and force a needless reload.
  const cases: [string, Partial<ResolvedModel>, Partial<ResolvedModel>, ReturnType<typeof instance>[]][] = [
    [
      'an identifier outweighs every other setting',
      { contextLength: 8192, gpuOffload: 0.5, ttlSeconds: 600 },
      { identifier: 'a' },
      [
        instance(KEY, 'a', { contextLength: 8192, gpuOffload: 0.5, ttlSeconds: 600 }),
        instance(KEY, 'b', { contextLength: 8192, gpuOffload: 0.5, ttlSeconds: 600 }),
      ],
    ],
    [
      'an offload counts',
      { contextLength: 8192 },
      { contextLength: 8192, gpuOffload: 1 },
      [
        instance(KEY, 'a', { contextLength: 8192, gpuOffload: 1 }),
        instance(KEY, 'b', { contextLength: 8192, gpuOffload: 0.5 }),
      ],
    ],
    [
      'a TTL counts',
      { contextLength: 8192 },
      { contextLength: 8192, ttlSeconds: 600 },
      [
        instance(KEY, 'a', { contextLength: 8192, ttlSeconds: 600 }),
        instance(KEY, 'b', { contextLength: 8192, ttlSeconds: 60 }),
      ],
    ],
  ];
  for (const [name, generic, specific, current] of cases) {
    it(name, () => {
      expect(plan(current, [want(generic), want(specific)]).counts).toEqual({ keep: 2, unload: 0, load: 0 });
    });
  }
});

describe('the reason each step gives', () => {
  it('says a model loaded with other settings is replaced, and a model not loaded is loaded', () => {
    const result = plan(
      [instance(KEY, KEY, { contextLength: 4096 }), instance(OTHER)],
      [want({ contextLength: 8192 }), want({}, 'qwen/qwen2.5-coder-7b-instruct')],
    );
    expect(steps(result)).toEqual([
      `unload ${OTHER}: not in the preset`,
      `unload ${KEY}: settings differ from the preset`,
      `load ${KEY}: loaded with other settings`,
      'load qwen/qwen2.5-coder-7b-instruct: not loaded',
    ]);
  });

  it('says why a model outside the preset stays: pinned, or the preset is not exclusive', () => {
    expect(steps(plan([instance(OTHER)], [], { pinned: [OTHER] }))).toEqual([`keep ${OTHER}: pinned`]);
    expect(steps(plan([instance(OTHER)], [], { exclusive: false }))).toEqual([
      `keep ${OTHER}: not in the preset (the preset is not exclusive)`,
    ]);
  });
});
