import { describe, expect, it } from 'vitest';
import { planPresetSwitch } from '../../../shared/presets/plan';
import { resolvePreset } from '../../../shared/presets/resolve';
import { builtInPresets } from '../../../shared/presets/builtins';
import type { ResolvedModel } from '../../../shared/presets/resolve';
import { catalog, instance } from '../../support/catalog-fixture';

const sizeOf = (key: string) => catalog.find((m) => m.key === key)?.sizeBytes ?? null;
const want = (key: string, extra: Partial<ResolvedModel> = {}): ResolvedModel => ({
  key,
  requested: key,
  sizeBytes: sizeOf(key),
  paramsString: null,
  quantization: null,
  path: null,
  ...extra,
});
const summary = (plan: ReturnType<typeof planPresetSwitch>) =>
  plan.steps.map((s) => `${s.action} ${s.instanceId ?? s.key}`);

const Q7 = 'qwen/qwen2.5-7b-instruct';
const C7 = 'qwen/qwen2.5-coder-7b-instruct';
const C14 = 'qwen/qwen2.5-coder-14b-instruct';
const D33 = 'deepseek/deepseek-coder-33b-instruct';

describe('planPresetSwitch', () => {
  const cases: {
    name: string;
    current: ReturnType<typeof instance>[];
    desired: ResolvedModel[];
    pinned?: string[];
    exclusive?: boolean;
    expected: string[];
  }[] = [
    {
      name: 'from nothing: loads largest first',
      current: [],
      desired: [want(Q7, { contextLength: 8192 }), want(C14, { contextLength: 8192 })],
      expected: [`load ${C14}`, `load ${Q7}`],
    },
    {
      name: 'same set, same settings: keeps everything, zero calls',
      current: [instance(C14, C14, { contextLength: 8192 }), instance(Q7, Q7, { contextLength: 8192 })],
      desired: [want(C14, { contextLength: 8192 }), want(Q7, { contextLength: 8192 })],
      expected: [`keep ${C14}`, `keep ${Q7}`],
    },
    {
      name: 'overlap Multi-agent → Dual 7B: keeps the shared 7B',
      current: [instance(C14, C14, { contextLength: 8192 }), instance(Q7, Q7, { contextLength: 8192 })],
      desired: [want(Q7, { contextLength: 8192 }), want(C7, { contextLength: 8192 })],
      expected: [`keep ${Q7}`, `unload ${C14}`, `load ${C7}`],
    },
    {
      name: 'same key, other context: unload then load',
      current: [instance(Q7, Q7, { contextLength: 4096 })],
      desired: [want(Q7, { contextLength: 8192 })],
      expected: [`unload ${Q7}`, `load ${Q7}`],
    },
    {
      name: 'a context above the model limit matches the capped instance (no reload every time)',
      current: [instance(Q7, Q7, { contextLength: 32768 })],
      desired: [want(Q7, { contextLength: 65536, maxContextLength: 32768 })],
      expected: [`keep ${Q7}`],
    },
    {
      name: 'unrequested settings match anything',
      current: [instance(Q7, Q7, { contextLength: 32768, gpuOffload: 0.5 })],
      desired: [want(Q7)],
      expected: [`keep ${Q7}`],
    },
    {
      name: 'unknown offload (REST v1 does not report it) is not a reason to reload',
      current: [instance(Q7, Q7, { contextLength: 8192, gpuOffload: null })],
      desired: [want(Q7, { contextLength: 8192, gpuOffload: 'max' })],
      expected: [`keep ${Q7}`],
    },
    {
      name: 'known different offload reloads',
      current: [instance(Q7, Q7, { contextLength: 8192, gpuOffload: 'off' })],
      desired: [want(Q7, { contextLength: 8192, gpuOffload: 'max' })],
      expected: [`unload ${Q7}`, `load ${Q7}`],
    },
    {
      name: 'offload "max" equals ratio 1',
      current: [instance(Q7, Q7, { gpuOffload: 1 })],
      desired: [want(Q7, { gpuOffload: 'max' })],
      expected: [`keep ${Q7}`],
    },
    {
      name: 'two instances of one key (key:2): both kept',
      current: [instance(Q7, Q7), instance(Q7, `${Q7}:2`)],
      desired: [want(Q7), want(Q7)],
      expected: [`keep ${Q7}`, `keep ${Q7}:2`],
    },
    {
      name: 'two wanted, one loaded: one more load (becomes key:2)',
      current: [instance(Q7, Q7)],
      desired: [want(Q7), want(Q7)],
      expected: [`keep ${Q7}`, `load ${Q7}`],
    },
    {
      name: 'three loaded, one wanted: unloads the extra key:2 and key:3',
      current: [instance(Q7, Q7), instance(Q7, `${Q7}:2`), instance(Q7, `${Q7}:3`)],
      desired: [want(Q7)],
      expected: [`keep ${Q7}`, `unload ${Q7}:2`, `unload ${Q7}:3`],
    },
    {
      name: 'identifier must match the instance id',
      current: [instance(Q7, 'agent-a')],
      desired: [want(Q7, { identifier: 'agent-b' })],
      expected: [`unload agent-a`, `load agent-b`],
    },
    {
      name: 'specific request gets the instance it needs first',
      current: [instance(Q7, Q7, { contextLength: 4096 }), instance(Q7, `${Q7}:2`, { contextLength: 8192 })],
      desired: [want(Q7), want(Q7, { contextLength: 8192 })],
      expected: [`keep ${Q7}:2`, `keep ${Q7}`],
    },
    {
      name: 'Gaming unloads everything, largest first',
      current: [instance(Q7), instance(D33), instance(C14)],
      desired: [],
      expected: [`unload ${D33}`, `unload ${C14}`, `unload ${Q7}`],
    },
    {
      name: 'pinned by key is never unloaded',
      current: [instance(Q7), instance(D33)],
      desired: [],
      pinned: [Q7],
      expected: [`keep ${Q7}`, `unload ${D33}`],
    },
    {
      name: 'pinned by instance id is never unloaded',
      current: [instance(Q7), instance(Q7, `${Q7}:2`)],
      desired: [],
      pinned: [`${Q7}:2`],
      expected: [`keep ${Q7}:2`, `unload ${Q7}`],
    },
    {
      name: 'pinned with other settings: kept, and a second instance loaded',
      current: [instance(Q7, Q7, { contextLength: 4096 })],
      desired: [want(Q7, { contextLength: 8192 })],
      pinned: [Q7],
      expected: [`keep ${Q7}`, `load ${Q7}`],
    },
    {
      name: 'non-exclusive preset unloads nothing',
      current: [instance(D33), instance(C14)],
      desired: [want(Q7)],
      pinned: [],
      exclusive: false,
      expected: [`keep ${D33}`, `keep ${C14}`, `load ${Q7}`],
    },
    {
      name: 'unloads come before loads even when smaller',
      current: [instance(Q7)],
      desired: [want(D33)],
      expected: [`unload ${Q7}`, `load ${D33}`],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planPresetSwitch({
        current: c.current,
        desired: c.desired,
        pinned: c.pinned ?? [],
        exclusive: c.exclusive ?? true,
        sizeOf,
      });
      expect(summary(plan)).toEqual(c.expected);
      expect(plan.counts.keep + plan.counts.unload + plan.counts.load).toBe(plan.steps.length);
    });
  }

  it('cycling through the built-ins never unloads and reloads an identical instance', () => {
    let current: ReturnType<typeof instance>[] = [];
    const presets = builtInPresets();
    for (const preset of [...presets, ...presets]) {
      const resolved = resolvePreset(preset, catalog);
      const plan = planPresetSwitch({
        current,
        desired: resolved.models,
        pinned: [],
        exclusive: preset.exclusive,
        sizeOf,
      });
      const unloaded = plan.steps.filter((s) => s.action === 'unload');
      const loaded = plan.steps.filter((s) => s.action === 'load');
      for (const u of unloaded) {
        const reload = loaded.find(
          (l) =>
            l.key === u.key &&
            l.load!.contextLength === (u.instance!.contextLength ?? undefined) &&
            l.load!.gpuOffload === (u.instance!.gpuOffload ?? undefined),
        );
        expect(reload, `${preset.id}: ${u.key} unloaded and loaded again identically`).toBeUndefined();
      }
      // Apply the plan to the simulated state.
      const kept = plan.steps.filter((s) => s.action === 'keep').map((s) => s.instance!);
      const counts = new Map<string, number>();
      for (const k of kept) counts.set(k.modelKey, (counts.get(k.modelKey) ?? 0) + 1);
      current = [
        ...kept,
        ...loaded.map((l) => {
          const n = (counts.get(l.key) ?? 0) + 1;
          counts.set(l.key, n);
          return instance(l.key, n === 1 ? l.key : `${l.key}:${n}`, {
            contextLength: l.load!.contextLength ?? null,
            gpuOffload: l.load!.gpuOffload ?? null,
          });
        }),
      ];
      expect(current.map((i) => i.modelKey).sort()).toEqual(resolved.models.map((m) => m.key).sort());
    }
  });
});

describe('planPresetSwitch reason codes (what the CLI and windows word in each language)', () => {
  const codes = (plan: ReturnType<typeof planPresetSwitch>) =>
    Object.fromEntries(plan.steps.map((s) => [`${s.action} ${s.instanceId ?? s.key}`, s.reasonCode]));

  it('names why each model is kept, loaded or unloaded in an exclusive switch', () => {
    const plan = planPresetSwitch({
      current: [
        instance(Q7, Q7, { contextLength: 8192 }),
        instance(C7, C7, { contextLength: 4096 }),
        instance(D33, D33, { contextLength: 8192 }),
        instance(C14, C14, { contextLength: 8192 }),
      ],
      desired: [want(Q7, { contextLength: 8192 }), want(C7, { contextLength: 8192 }), want(`${C14}-new`)],
      pinned: [C14],
      exclusive: true,
      sizeOf,
    });
    expect(codes(plan)).toEqual({
      [`keep ${Q7}`]: 'alreadyLoaded',
      [`keep ${C14}`]: 'pinned',
      [`unload ${C7}`]: 'settingsDiffer',
      [`unload ${D33}`]: 'notInPreset',
      [`load ${C7}`]: 'otherSettings',
      [`load ${C14}-new`]: 'notLoaded',
    });
  });

  it('keeps what a non-exclusive preset leaves alone, saying so', () => {
    const plan = planPresetSwitch({
      current: [instance(D33, D33, { contextLength: 8192 })],
      desired: [want(Q7)],
      pinned: [],
      exclusive: false,
      sizeOf,
    });
    expect(codes(plan)).toEqual({ [`keep ${D33}`]: 'notExclusive', [`load ${Q7}`]: 'notLoaded' });
  });
});
