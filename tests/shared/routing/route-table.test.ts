/**
 * Routing tables: real-looking prompts in pt-BR and English, the task each must be detected as, and the
 * model each must go to for several loaded sets (the user's document: "Cenário 1/2", a vision mix, JIT).
 */
import { describe, expect, it } from 'vitest';
import { routeRequest } from '../../../shared/routing/route-request';
import type { RoutingState, TaskKind } from '../../../shared/routing/types';
import { catalog } from '../../support/catalog';

const local = (loaded: Record<string, number | null>, vramFreeBytes: number | null = 4e9): RoutingState => ({
  endpoints: [{ id: 'local', label: 'this PC', kind: 'local', reachable: true, models: catalog(loaded) }],
  vramFreeBytes,
});

/** Cenário 2: a coder 14B, a 7B generalist and a 3B for quick work, all at 8k. */
const DEV = local({ 'qwen2.5-coder-14b-instruct': 8192, 'qwen2.5-7b-instruct': 8192, 'llama-3.2-3b-instruct': 8192 });
/** Cenário 1: one 33B coder at 4k. */
const BIG = local({ 'deepseek-coder-33b-instruct': 4096 });
/** A generalist, a vision model and a small one. */
const MIX = local({ 'qwen2.5-7b-instruct': 8192, 'google/gemma-3-12b': 8192, 'phi-3.5-mini-instruct': 4096 });

const LONG_DOC = 'O contrato de prestação de serviços estabelece as obrigações das partes. '.repeat(450);

type Row = [prompt: string, task: TaskKind, dev: string, big: string, mix: string];
const ROWS: Row[] = [
  [
    '```ts\nconst x: number = "a";\n```\nwhy does this not compile?',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Traceback (most recent call last):\n  File "main.py", line 3, in <module>\n    import numpy\nModuleNotFoundError: No module named \'numpy\'',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    "TypeError: Cannot read properties of undefined (reading 'map')\n    at App (App.tsx:12:18)\n    at renderWithHooks (react-dom.js:1:2)",
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Escreva uma função em Python que remove acentos de uma string e explique cada passo do código.',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Refatore este método para usar async/await: `function load() { return fetch(url).then(r => r.json()) }`',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Write a SQL query that returns the top 5 customers by total order value in 2025, joining orders and customers.',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'My Dockerfile builds fine but the container exits immediately with code 0 when I run docker compose up. What should I check?',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    "error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'. in src/app.ts",
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Como faço um regex que valida CPF no formato 000.000.000-00?',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    "thread 'main' panicked at src/main.rs:4:5: index out of bounds",
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Implement a binary search in Go that returns the insertion index when the value is missing.',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Por que meu useEffect roda duas vezes em React 18?',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'How do I center a div with CSS grid?',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'SELECT * FROM users WHERE id = 1; está lento, por quê?',
    'code',
    'qwen2.5-coder-14b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Qual a capital da Austrália?',
    'quick',
    'llama-3.2-3b-instruct',
    'deepseek-coder-33b-instruct',
    'phi-3.5-mini-instruct',
  ],
  ['What is 15% of 240?', 'quick', 'llama-3.2-3b-instruct', 'deepseek-coder-33b-instruct', 'phi-3.5-mini-instruct'],
  [
    'Traduza para o inglês: "bom dia, tudo bem?"',
    'quick',
    'llama-3.2-3b-instruct',
    'deepseek-coder-33b-instruct',
    'phi-3.5-mini-instruct',
  ],
  ['Synonym for "happy"?', 'quick', 'llama-3.2-3b-instruct', 'deepseek-coder-33b-instruct', 'phi-3.5-mini-instruct'],
  [
    'Quantos gramas tem uma xícara de farinha de trigo?',
    'quick',
    'llama-3.2-3b-instruct',
    'deepseek-coder-33b-instruct',
    'phi-3.5-mini-instruct',
  ],
  [
    'Em uma frase: o que é inflação?',
    'quick',
    'llama-3.2-3b-instruct',
    'deepseek-coder-33b-instruct',
    'phi-3.5-mini-instruct',
  ],
  [
    'Who wrote "One Hundred Years of Solitude"?',
    'quick',
    'llama-3.2-3b-instruct',
    'deepseek-coder-33b-instruct',
    'phi-3.5-mini-instruct',
  ],
  [
    'Crie um plano de treino de 12 semanas para iniciantes.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Explain how vaccines train the immune system.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Explique detalhadamente as diferenças entre o regime de tributação do Simples Nacional e o Lucro Presumido para uma pequena empresa de serviços de TI, com exemplos.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'I am planning a two-week trip to Portugal in October with my parents, who do not like long drives. Could you suggest an itinerary that balances Lisbon, Porto and the Algarve, with rest days?',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Me ajude a escrever um e-mail educado para o síndico do meu prédio reclamando do barulho da obra no apartamento de cima, que começa às sete da manhã todos os dias, inclusive aos sábados.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Compare the pros and cons of index funds versus actively managed funds for a 35 year old saving for retirement, and explain the role of fees over 30 years.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Quais são os sintomas mais comuns de deficiência de vitamina D e quando devo procurar um médico? Gostaria de entender também como a exposição ao sol ajuda.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Write a short bedtime story for a 6 year old about a turtle who wants to fly, with a gentle lesson about patience at the end of it.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
  [
    'Analise os riscos de concentrar 80% da carteira de investimentos em ações de uma única empresa do setor de energia, considerando volatilidade e liquidez.',
    'chat',
    'qwen2.5-7b-instruct',
    'deepseek-coder-33b-instruct',
    'google/gemma-3-12b',
  ],
];

describe('routing table: task detection and choice per loaded set', () => {
  for (const [prompt, task, dev, big, mix] of ROWS) {
    it(`${task}: ${prompt.slice(0, 60).replace(/\n/g, ' ')}`, () => {
      const req = { messages: [{ role: 'user' as const, text: prompt }] };
      const d1 = routeRequest(req, DEV);
      expect(d1.task.kind).toBe(task);
      expect(d1.choice?.modelKey).toBe(dev);
      expect(routeRequest(req, BIG).choice?.modelKey).toBe(big);
      expect(routeRequest(req, MIX).choice?.modelKey).toBe(mix);
    });
  }

  it('detects the prompt language', () => {
    const lang = (text: string) => routeRequest({ messages: [{ role: 'user', text }] }, DEV).task.language;
    expect(
      lang(
        'Explique detalhadamente as diferenças entre o regime de tributação do Simples Nacional e o Lucro Presumido.',
      ),
    ).toBe('pt-BR');
    expect(lang('I am planning a two-week trip to Portugal in October with my parents.')).toBe('en');
    expect(lang('Escreva uma função em Python que remove acentos de uma string.')).toBe('pt-BR');
    expect(lang('Write a SQL query that returns the top 5 customers by total order value.')).toBe('en');
    expect(lang('```\nx = 1\n```')).toBe('unknown');
  });

  it('an attached image goes to a vision model, and without one nothing fits', () => {
    const req = { messages: [{ role: 'user' as const, text: 'O que está escrito nesta placa?', images: 1 }] };
    const d = routeRequest(req, MIX);
    expect(d.task.kind).toBe('vision');
    expect(d.choice?.modelKey).toBe('google/gemma-3-12b');
    const none = routeRequest(req, DEV);
    expect(none.choice).toBeNull();
    expect(none.reason).toMatch(/no model fits \(no vision\)/);
  });

  it('a long document is long-context: 8k instances are too small, a JIT load of a long-context model fits', () => {
    const req = { messages: [{ role: 'user' as const, text: `Resuma este contrato:\n${LONG_DOC}` }] };
    const d = routeRequest(req, DEV);
    expect(d.task.kind).toBe('long-context');
    expect(d.choice).toBeNull();
    expect(d.scores.find((s) => s.modelKey === 'qwen2.5-7b-instruct')?.excludedBecause).toMatch(
      /^context 8192 < \d+ needed$/,
    );
    const jit = routeRequest(req, { ...DEV, vramFreeBytes: 14e9 }, { policy: { allowJitLoad: true } });
    expect(jit.choice?.needsLoad).toBe(true);
    expect(jit.choice?.modelKey).toBe('qwen2.5-14b-instruct-1m');
  });

  it('the 4k instance of Cenário 1 cannot take a prompt that needs more context', () => {
    const code = '```py\n' + 'print("linha de teste com algum conteúdo")\n'.repeat(250) + '```\nOtimize isso.';
    const d = routeRequest({ messages: [{ role: 'user', text: code }] }, BIG);
    expect(d.task.kind).toBe('code');
    expect(d.choice).toBeNull();
    expect(d.reason).toMatch(/context 4096 < \d+ needed/);
  });
});

describe('routing with nothing loaded (JIT allowed)', () => {
  const empty = (vram: number) => local({}, vram);
  const jit = { policy: { allowJitLoad: true } };
  const ask = (text: string, vram: number) => routeRequest({ messages: [{ role: 'user', text }] }, empty(vram), jit);

  it('loads the coder that fits the VRAM left, never one that does not', () => {
    const d = ask('```js\nfoo()\n```\nwhy undefined?', 20e9);
    expect(d.choice).toMatchObject({ modelKey: 'qwen2.5-coder-14b-instruct', needsLoad: true });
    expect(d.scores.find((s) => s.modelKey === 'deepseek-coder-33b-instruct')?.excludedBecause).toMatch(
      /needs ~2\d\.\d GB, 20\.0 GB VRAM free/,
    );
    expect(ask('```js\nfoo()\n```\nwhy undefined?', 6.5e9).choice?.modelKey).toBe('qwen2.5-coder-7b-instruct');
    expect(d.reason).toMatch(/^code detected → qwen2\.5-coder-14b-instruct, coder model, loads now/);
  });

  it('quick questions load a small model, pictures a vision model', () => {
    expect(ask('Capital do Peru?', 20e9).choice?.modelKey).toBe('llama-3.2-3b-instruct');
    const v = routeRequest({ messages: [{ role: 'user', text: 'describe this', images: 1 }] }, empty(20e9), jit);
    expect(v.choice?.modelKey).toBe('google/gemma-3-12b');
  });

  it('without JIT permission nothing is proposed, and the reason says what to do', () => {
    const d = routeRequest({ messages: [{ role: 'user', text: 'oi' }] }, empty(20e9));
    expect(d.choice).toBeNull();
    expect(d.reason).toMatch(/allow JIT loading/);
  });

  it('with unknown free VRAM no load is proposed', () => {
    const d = routeRequest({ messages: [{ role: 'user', text: 'oi' }] }, local({}, null), jit);
    expect(d.choice).toBeNull();
  });
});
