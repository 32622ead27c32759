/** The router's policy: overrides, @mentions, other machines, cloud when in doubt, evidence and busy models. */
import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../../shared/routing/route-request';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import type { RoutingEndpoint, RoutingState } from '../../../shared/routing/types';
import { catalog, model } from '../../support/catalog';

const localEp = (models: CatalogModel[]): RoutingEndpoint => ({
  id: 'local',
  label: 'this PC',
  kind: 'local',
  reachable: true,
  models,
});
const cloudModel: CatalogModel = {
  ...model('qwen2.5-7b-instruct'),
  key: 'claude-sonnet-4',
  displayName: 'Claude Sonnet',
  type: 'vlm',
  capabilities: { vision: true, toolUse: true, reasoning: false },
  paramsString: null,
  sizeBytes: null,
  maxContextLength: 200_000,
};
const cloudEp: RoutingEndpoint = {
  id: 'cloud',
  label: 'Anthropic (OpenAI-compatible)',
  kind: 'cloud',
  reachable: true,
  models: [cloudModel],
};
const ask = (text: string, state: RoutingState, extra: Record<string, unknown> = {}) =>
  routeRequest({ messages: [{ role: 'user', text }], ...extra }, state);

const DEV: RoutingState = {
  endpoints: [
    localEp(
      catalog({ 'qwen2.5-coder-14b-instruct': 8192, 'qwen2.5-7b-instruct': 8192, 'llama-3.2-3b-instruct': 8192 }),
    ),
  ],
  vramFreeBytes: 4e9,
};
const CODER_ONLY: RoutingState = {
  endpoints: [localEp(catalog({ 'deepseek-coder-33b-instruct': 4096 }))],
  vramFreeBytes: 1e9,
};

describe('overrides', () => {
  it('an explicit model wins over routing and is named in the reason', () => {
    const d = ask('```py\nprint(1)\n```', DEV, { model: 'llama-3.2-3b-instruct' });
    expect(d.choice).toMatchObject({
      modelKey: 'llama-3.2-3b-instruct',
      source: 'override',
      instanceId: 'llama-3.2-3b-instruct',
    });
    expect(d.reason).toBe('chosen by you → llama-3.2-3b-instruct, loaded');
    expect(d.runnersUp[0]?.modelKey).toBe('qwen2.5-coder-14b-instruct');
  });

  it('a model not in the catalog passes through as named', () => {
    const d = ask('oi', DEV, { model: 'some-new-model' });
    expect(d.choice).toMatchObject({ modelKey: 'some-new-model', source: 'override', endpointId: 'local' });
    expect(d.reason).toMatch(/not in the catalog/);
  });

  it('@model in the prompt is resolved loosely, removed from the text, and honoured', () => {
    const d = ask('@qwen-coder explique o que é uma closure', DEV);
    expect(d.choice).toMatchObject({ modelKey: 'qwen2.5-coder-14b-instruct', source: 'prompt-mention' });
    expect(d.cleanedMessages[0]!.text).toBe('explique o que é uma closure');
    expect(d.reason).toBe('@qwen-coder in the prompt → qwen2.5-coder-14b-instruct, loaded');
  });

  it('an ambiguous or unknown @word is left in the prompt and routing goes on (Java annotations, e-mails)', () => {
    const java = ask('Why does @Override fail here?\n```java\nclass A { @Override void f() {} }\n```', DEV);
    expect(java.choice?.source).toBe('auto');
    expect(java.cleanedMessages[0]!.text).toContain('@Override');
    expect(ask('@qwen what is this?', DEV).choice?.source).toBe('auto');
    expect(ask('mande para joao@example.com', DEV).choice?.source).toBe('auto');
  });

  it('a mention of an instance id picks that instance', () => {
    const two: RoutingState = {
      endpoints: [
        localEp([
          model('qwen2.5-7b-instruct', [
            { ctx: 4096, id: 'qwen2.5-7b-instruct' },
            { ctx: 32768, id: 'qwen-long' },
          ]),
        ]),
      ],
      vramFreeBytes: 0,
    };
    // The choice carries that instance's facts, not a sibling's.
    expect(ask('@qwen-long resuma', two).choice).toMatchObject({ instanceId: 'qwen-long', contextLength: 32768 });
  });
});

describe('fallbacks', () => {
  const remote = (reachable: boolean): RoutingEndpoint => ({
    id: 'ws2',
    label: 'workstation-2',
    kind: 'remote',
    reachable,
    models: [model('deepseek-coder-33b-instruct', [{ ctx: 16384 }])],
  });
  const smallOnly = localEp(catalog({ 'llama-3.2-3b-instruct': 8192 }));

  it('code goes to a coder loaded on another machine when this one has only a 3B', () => {
    const d = ask('Traceback (most recent call last):\n  File "app.py", line 9\nKeyError: \'id\'', {
      endpoints: [smallOnly, remote(true)],
      vramFreeBytes: 0,
    });
    expect(d.choice).toMatchObject({
      modelKey: 'deepseek-coder-33b-instruct',
      endpointId: 'ws2',
      endpointKind: 'remote',
    });
    expect(d.reason).toMatch(/on workstation-2/);
    expect(d.runnersUp.map((r) => r.modelKey)).toContain('llama-3.2-3b-instruct');
  });

  it('an unreachable machine is not a candidate', () => {
    const d = ask('Traceback (most recent call last):\n  File "app.py", line 9\nKeyError: \'id\'', {
      endpoints: [smallOnly, remote(false)],
      vramFreeBytes: 0,
    });
    expect(d.choice?.endpointId).toBe('local');
  });

  it('when in doubt → the cloud model, clearly marked; local first otherwise', () => {
    const withCloud: RoutingState = { ...CODER_ONLY, endpoints: [...CODER_ONLY.endpoints, cloudEp] };
    const chat = ask(
      'Me ajude a planejar um cardápio semanal saudável para uma família de quatro pessoas com orçamento apertado e pouco tempo.',
      withCloud,
    );
    expect(chat.choice).toMatchObject({ modelKey: 'claude-sonnet-4', endpointKind: 'cloud', source: 'doubt-cloud' });
    expect(chat.reason).toMatch(
      /^general chat, low confidence in deepseek-coder-33b-instruct \(0\.\d+\) → ☁ cloud claude-sonnet-4/,
    );
    expect(chat.runnersUp[0]?.modelKey).toBe('deepseek-coder-33b-instruct');
    const code = ask('```c\nint main(){}\n```\nwhy does gcc warn?', withCloud);
    expect(code.choice).toMatchObject({ modelKey: 'deepseek-coder-33b-instruct', endpointKind: 'local' });
    // Without a cloud endpoint the same doubtful chat stays local.
    expect(
      ask(
        'Me ajude a planejar um cardápio semanal saudável para uma família de quatro pessoas com orçamento apertado e pouco tempo.',
        CODER_ONLY,
      ).choice?.modelKey,
    ).toBe('deepseek-coder-33b-instruct');
  });

  it('nothing local fits → cloud if enabled, else a reason a person can act on', () => {
    const img = { messages: [{ role: 'user' as const, text: 'what is this?', images: 1 }] };
    expect(routeRequest(img, { ...DEV, endpoints: [...DEV.endpoints, cloudEp] }).choice?.endpointKind).toBe('cloud');
    const down = routeRequest(img, { endpoints: [{ ...localEp([]), reachable: false }], vramFreeBytes: null });
    expect(down.reason).toMatch(/LM Studio is not reachable/);
    expect(routeRequest(img, { endpoints: [localEp([])], vramFreeBytes: null }).reason).toMatch(
      /no model is downloaded/,
    );
  });
});

describe('evidence from this machine', () => {
  const quick = 'Qual a capital do Canadá?';
  const state = (evidence: RoutingState['evidence']): RoutingState => ({ ...DEV, evidence });

  it('measured speed moves quick questions to the faster model', () => {
    expect(ask(quick, state(undefined)).choice?.modelKey).toBe('llama-3.2-3b-instruct');
    const d = ask(
      quick,
      state({
        'qwen2.5-7b-instruct': { tokensPerSecond: 140, ttftMs: 90 },
        'llama-3.2-3b-instruct': { tokensPerSecond: 20, ttftMs: 1500 },
      }),
    );
    expect(d.choice?.modelKey).toBe('qwen2.5-7b-instruct');
    expect(d.reason).toMatch(/140 tok\/s measured/);
  });

  it('👎 ratings for a task push a model down and lower the confidence; other tasks are unaffected', () => {
    const ev = { 'llama-3.2-3b-instruct': { ratings: { quick: { up: 0, down: 6 } } } };
    const d = ask(quick, state(ev));
    expect(d.choice?.modelKey).toBe('qwen2.5-7b-instruct');
    const plain = ask(quick, state(undefined));
    const rated = ask(quick, {
      ...DEV,
      evidence: {
        'llama-3.2-3b-instruct': { ratings: { quick: { up: 0, down: 6 } } },
        'qwen2.5-7b-instruct': { ratings: { quick: { up: 0, down: 6 } } },
      },
    });
    expect(rated.confidence).toBeLessThan(plain.confidence);
    expect(ask('```py\nx=1\n```', state(ev)).choice?.modelKey).toBe('qwen2.5-coder-14b-instruct');
  });

  it('benchmark stars count per task, or for any task', () => {
    const chat =
      'Write a short bedtime story for a 6 year old about a turtle who wants to fly, with a gentle lesson about patience at the end of it.';
    expect(ask(chat, state(undefined)).choice?.modelKey).toBe('qwen2.5-7b-instruct');
    const d = ask(
      chat,
      state({
        'llama-3.2-3b-instruct': { stars: { any: { mean: 5, count: 3 } } },
        'qwen2.5-7b-instruct': { stars: { chat: { mean: 2, count: 2 } } },
      }),
    );
    expect(d.choice?.modelKey).toBe('llama-3.2-3b-instruct');
    expect(d.reason).toMatch(/5\.0★ benchmark/);
  });

  it('a busy instance loses to an idle one of similar fit', () => {
    const busy = ask(quick, { ...DEV, busyInstances: ['llama-3.2-3b-instruct'] });
    expect(busy.choice?.modelKey).toBe('qwen2.5-7b-instruct');
    expect(busy.scores.find((s) => s.modelKey === 'llama-3.2-3b-instruct')?.parts.busy).toBe(-12);
  });
});

describe('decision shape', () => {
  it('gives the reason line, distinct runners-up and every candidate with its parts', () => {
    const d = ask('```ts\nlet a: string = 1\n```', DEV);
    expect(d.reason).toBe('code detected → qwen2.5-coder-14b-instruct, coder model, loaded, 8k context fits');
    expect(d.runnersUp.map((r) => r.modelKey)).toEqual(['qwen2.5-7b-instruct', 'llama-3.2-3b-instruct']);
    expect(d.scores).toHaveLength(14);
    expect(d.scores.filter((s) => s.eligible)).toHaveLength(3);
    expect(d.scores.find((s) => s.modelKey === 'text-embedding-nomic-embed-text-v1.5')?.excludedBecause).toBe(
      'embedding model',
    );
    expect(d.confidence).toBeGreaterThan(0.8);
  });

  it('never throws on odd input', () => {
    expect(() => routeRequest({ messages: [] }, { endpoints: [], vramFreeBytes: null })).not.toThrow();
    expect(routeRequest({ messages: [{ role: 'user', text: '' }] }, DEV).task.kind).toBe('quick');
  });
});

describe('request hints', () => {
  it('tools in the request leave out models not trained for tool use', () => {
    const state: RoutingState = {
      endpoints: [localEp(catalog({ 'deepseek-coder-33b-instruct': 8192, 'qwen2.5-coder-7b-instruct': 8192 }))],
      vramFreeBytes: 0,
    };
    const plain = routeRequest({ messages: [{ role: 'user', text: '```py\nx=1\n```' }] }, state);
    expect(plain.choice?.modelKey).toBe('deepseek-coder-33b-instruct');
    const tools = routeRequest({ messages: [{ role: 'user', text: '```py\nx=1\n```' }], needsTools: true }, state);
    expect(tools.choice?.modelKey).toBe('qwen2.5-coder-7b-instruct');
    expect(tools.scores.find((s) => s.modelKey === 'deepseek-coder-33b-instruct')?.excludedBecause).toBe(
      'not trained for tool use',
    );
  });

  it("a task hint replaces the text's guess, but never an attached image", () => {
    const d = routeRequest(
      { messages: [{ role: 'user', text: 'Como funciona isso aqui em produção?' }], taskHint: 'code' },
      DEV,
    );
    expect(d.task).toMatchObject({ kind: 'code', answerBudget: 2048 });
    expect(d.task.signals).toContain('classified as code');
    expect(d.choice?.modelKey).toBe('qwen2.5-coder-14b-instruct');
    const img = routeRequest({ messages: [{ role: 'user', text: 'e isso?', images: 1 }], taskHint: 'code' }, DEV);
    expect(img.task.kind).toBe('vision');
  });
});
