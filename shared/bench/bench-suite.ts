/**
 * The fixed benchmark suite: the same prompts every time, so results stay comparable across models,
 * quantizations, drivers and LM Studio versions. Short answer, long answer, code and a long-context
 * prompt sized to the context asked for, each in Brazilian Portuguese and in English (the reference
 * user works in both; tokenizers treat them differently).
 */
import { estimateTokens } from '../routing/estimate-tokens';
import type { TaskKind } from '../routing/types';

export type BenchPromptKind = 'short' | 'long' | 'code' | 'long-context';
export type BenchLanguage = 'pt-BR' | 'en';

/** One prompt of the suite. */
export interface BenchPrompt {
  /** Stable id, e.g. "code-pt-BR": results are compared by it. */
  id: string;
  kind: BenchPromptKind;
  language: BenchLanguage;
  /** The router's task this prompt stands for (benchmark stars feed the router per task). */
  task: TaskKind;
  system: string;
  user: string;
  /** The answer budget: every run generates up to exactly this many tokens. */
  maxTokens: number;
}

export interface BenchSuiteOptions {
  /** The context length the model is loaded with; the long-context prompt fills most of it. */
  contextLength: number;
  /** Answer budgets per kind; defaults give a full run of a few minutes on a 7B at ~80 tok/s. */
  maxTokens?: Partial<Record<BenchPromptKind, number>>;
  /** Which prompts to run (default all). */
  kinds?: readonly BenchPromptKind[];
  languages?: readonly BenchLanguage[];
}

export const BENCH_PROMPT_KINDS: readonly BenchPromptKind[] = ['short', 'long', 'code', 'long-context'];
export const BENCH_LANGUAGES: readonly BenchLanguage[] = ['pt-BR', 'en'];

export const DEFAULT_MAX_TOKENS: Readonly<Record<BenchPromptKind, number>> = {
  short: 64,
  long: 512,
  code: 384,
  'long-context': 128,
};

/** Share of the context the long-context prompt fills; the rest is left for the answer and the template. */
const LONG_CONTEXT_SHARE = 0.75;
/** Tokens kept free besides the answer budget (chat template, system prompt). */
const TEMPLATE_RESERVE = 256;
/** Below this the "long" context is not long: the prompt stays at this floor. */
const MIN_LONG_CONTEXT_TOKENS = 512;

const TEXT: Record<
  BenchLanguage,
  {
    system: string;
    short: string;
    long: string;
    code: string;
    section: (n: number) => string;
    needle: string;
    question: string;
  }
> = {
  'pt-BR': {
    system: 'Você é um assistente prestativo. Responda em português do Brasil.',
    short: 'Qual é a capital da Austrália? Responda em uma frase.',
    long: 'Explique em detalhes como funciona a quantização de pesos em modelos de linguagem (Q4_K_M, Q8_0, FP16): o que se perde, o que se ganha em memória e velocidade, e como escolher para uma GPU de 24 GB.',
    code: 'Escreva uma função TypeScript que receba uma lista de tarefas com prazo e prioridade e devolva a ordem em que devem ser feitas, com testes unitários.',
    section: (n) =>
      `Seção ${n}. O relatório trimestral descreve o consumo de energia dos servidores, a ocupação da memória de vídeo e o tempo médio de resposta dos modelos locais. As medições foram repetidas três vezes e a mediana foi registrada na planilha principal. `,
    needle: 'Nota importante: a palavra-código do projeto é GIRASSOL-42. ',
    question:
      'Com base no documento acima, qual é a palavra-código do projeto? Resuma também o documento em três frases.',
  },
  en: {
    system: 'You are a helpful assistant. Answer in English.',
    short: 'What is the capital of Australia? Answer in one sentence.',
    long: 'Explain in detail how weight quantization works in language models (Q4_K_M, Q8_0, FP16): what is lost, what is gained in memory and speed, and how to choose one for a 24 GB GPU.',
    code: 'Write a TypeScript function that takes a list of tasks with a deadline and a priority and returns the order in which to do them, with unit tests.',
    section: (n) =>
      `Section ${n}. The quarterly report describes the servers' energy use, the video memory occupancy and the average response time of the local models. The measurements were repeated three times and the median was recorded in the main spreadsheet. `,
    needle: 'Important note: the project code word is SUNFLOWER-42. ',
    question:
      'Based on the document above, what is the project code word? Also summarize the document in three sentences.',
  },
};

const TASK_OF: Record<BenchPromptKind, TaskKind> = {
  short: 'quick',
  long: 'chat',
  code: 'code',
  'long-context': 'long-context',
};

/** Prompt tokens the long-context prompt aims at for a context length (never more than fits beside its answer). */
export function longContextTarget(contextLength: number, answerTokens: number): number {
  const fits = contextLength - answerTokens - TEMPLATE_RESERVE;
  return Math.max(
    Math.min(MIN_LONG_CONTEXT_TOKENS, Math.max(0, fits)),
    Math.min(Math.floor(contextLength * LONG_CONTEXT_SHARE), fits),
  );
}

/**
 * A document of about `targetTokens` tokens (by the router's estimate, which errs high, so the real
 * count stays under the target), with a code word hidden in the middle: the question at the end asks
 * for it, so a reader of the answer can also see whether the model used the whole context.
 */
export function buildLongContextPrompt(language: BenchLanguage, targetTokens: number): string {
  const t = TEXT[language];
  const parts: string[] = [];
  let tokens = estimateTokens(t.question) + estimateTokens(t.needle);
  for (let n = 1; ; n++) {
    const section = t.section(n);
    const cost = estimateTokens(section);
    if (tokens + cost > targetTokens && n > 1) break;
    parts.push(section);
    tokens += cost;
  }
  parts.splice(Math.floor(parts.length / 2), 0, t.needle);
  return `${parts.join('')}\n\n${t.question}`;
}

/** Build the suite for a context length. Pure and deterministic: same options, same prompts. */
export function buildBenchSuite(options: BenchSuiteOptions): BenchPrompt[] {
  const budgets = { ...DEFAULT_MAX_TOKENS, ...options.maxTokens };
  const prompts: BenchPrompt[] = [];
  for (const kind of options.kinds ?? BENCH_PROMPT_KINDS) {
    for (const language of options.languages ?? BENCH_LANGUAGES) {
      const t = TEXT[language];
      const maxTokens = Math.max(1, Math.floor(budgets[kind]));
      const user =
        kind === 'long-context'
          ? buildLongContextPrompt(language, longContextTarget(options.contextLength, maxTokens))
          : t[kind];
      prompts.push({
        id: `${kind}-${language}`,
        kind,
        language,
        task: TASK_OF[kind],
        system: t.system,
        user,
        maxTokens,
      });
    }
  }
  return prompts;
}
