/**
 * Detects the task of a request cheaply and deterministically: fenced code, stack traces, file names,
 * code keywords (pt-BR and English), length, attached images. No model call; microseconds per prompt.
 */
import { detectLanguage } from './detect-language';
import { estimateTokens } from './estimate-tokens';
import { findKeywords, type KeywordKind } from './prompt-keywords';
import type { RouteMessage, RoutingPolicy, TaskKind, TaskProfile } from './types';

const STACK_TRACE =
  /(^\s+at .+\(?.+:\d+:\d+\)?$)|Traceback \(most recent call last\)|^\s*File ".+", line \d+|Exception in thread|panicked at|\b(?:TypeError|ReferenceError|SyntaxError|NullPointerException|ValueError|KeyError|IndexError|AttributeError|ModuleNotFoundError|Segmentation fault)\b|error (?:TS|CS)\d{4}|\berror\[E\d{4}\]/m;
const FILE_NAME =
  /\w\.(?:ts|tsx|js|jsx|mjs|cjs|py|rs|go|java|kt|cs|cpp|cc|hpp|c|h|rb|php|sql|sh|ps1|bat|yaml|yml|toml|json|csproj|gradle|swift|vue|svelte|lua|dart)\b/i;
const CODE_SYNTAX =
  /(^|\n)\s*(?:def |class |import |from \S+ import |const |let |function |public |private |#include|fn |func |SELECT .+ FROM |CREATE TABLE|package |using System)|=>|\)\s*\{|;\s*$|\b\w+\([^)]*\)\s*[{:]/m;
const INLINE_CODE = /`[^`\n]{2,}`/;
/** An SQL statement (upper-case keywords, as people paste them). */
const SQL_STATEMENT =
  /\b(?:SELECT\s.+?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(?:TABLE|INDEX|VIEW)|ALTER\s+TABLE)\b/;
/** camelCase or snake_case identifiers (useEffect, getElementById, max_tokens): names from code. */
const IDENTIFIER = /\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b|\b[a-z]+_[a-z_]+\b/;
/** Sum of code-signal weights from which a prompt counts as code. */
const CODE_THRESHOLD = 0.6;

/** A question of at most this many words (and no "in detail") is quick. */
const QUICK_MAX_WORDS = 15;

const ANSWER_BUDGET: Record<TaskKind, number> = {
  code: 2048,
  vision: 1024,
  'long-context': 1024,
  quick: 512,
  chat: 1024,
};

/** Prompt windows the regexes read: the head and the tail, where instructions are (a pasted document sits between). */
const WINDOW = 1000;

/** The text the detector reads: all of a short prompt, the first and last WINDOW characters of a long one. */
function scanWindow(text: string): string {
  return text.length <= WINDOW * 2 ? text : `${text.slice(0, WINDOW)}\n${text.slice(-WINDOW)}`;
}

/** Whitespace-separated words, counted without building an array (prompts can be long). */
function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Code signals in one text, each with its weight (fences and stack traces alone are decisive). */
function codeSignals(text: string, keywords: Record<KeywordKind, Set<string>>): Array<[string, number]> {
  const found: Array<[string, number]> = [];
  if (text.includes('```') || text.includes('~~~')) found.push(['fenced code', 1]);
  if (STACK_TRACE.test(text)) found.push(['stack trace', 1]);
  if (FILE_NAME.test(text)) found.push(['file name', 0.5]);
  if (CODE_SYNTAX.test(text)) found.push(['code syntax', 0.5]);
  if (INLINE_CODE.test(text)) found.push(['inline code', 0.3]);
  if (IDENTIFIER.test(text)) found.push(['code identifier', 0.3]);
  if (SQL_STATEMENT.test(text)) found.push(['SQL statement', 0.8]);
  const strong = keywords.strongCode;
  const weak = keywords.weakCode;
  const words = strong.size * 0.6 + weak.size * 0.3;
  if (words > 0) found.push([`code words (${[...strong, ...weak].slice(0, 3).join(', ')})`, Math.min(1, words)]);
  return found;
}

/** Detect the task of a request: kind, language, prompt size, answer budget, confidence and the signals seen. */
export function detectTask(
  messages: readonly RouteMessage[],
  policy: Pick<RoutingPolicy, 'longContextTokens'>,
  maxTokens?: number,
): TaskProfile {
  let promptTokens = 0;
  let images = 0;
  for (const m of messages) {
    promptTokens += estimateTokens(m.text) + 4;
    images += m.images ?? 0;
  }
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.text ?? '';
  // Code signals from the last user turn and, more weakly, earlier turns (a follow-up in a code conversation).
  const signals: string[] = [];
  let code = 0;
  const scanned = scanWindow(lastUser);
  const keywords = findKeywords(scanned);
  for (const [name, w] of codeSignals(scanned, keywords)) {
    code += w;
    signals.push(name);
  }
  if (code < CODE_THRESHOLD) {
    const earlier = messages.filter((m) => m.text !== lastUser && m.role !== 'system').slice(-4);
    if (earlier.some((m) => m.text.includes('```') || STACK_TRACE.test(scanWindow(m.text)))) {
      code += 0.5;
      signals.push('code earlier in the conversation');
    }
  }
  const hasCode = code >= CODE_THRESHOLD;
  const language = detectLanguage(scanned);
  const words = countWords(lastUser);

  let kind: TaskKind;
  let confidence: number;
  if (images > 0) {
    kind = 'vision';
    confidence = 1;
    signals.unshift(images === 1 ? 'image attached' : `${images} images attached`);
  } else if (promptTokens > policy.longContextTokens) {
    kind = 'long-context';
    confidence = 0.9;
    signals.unshift(`${Math.round(promptTokens / 1000)}k tokens`);
  } else if (hasCode) {
    kind = 'code';
    confidence = Math.min(1, 0.55 + code * 0.3);
  } else if ((words <= QUICK_MAX_WORDS && keywords.detail.size === 0) || keywords.quick.size > 0) {
    kind = 'quick';
    confidence = code > 0 ? 0.5 : 0.8;
    signals.push(`short (${words} words)`);
  } else {
    kind = 'chat';
    confidence = code > 0 ? 0.45 : 0.7;
    if (keywords.detail.size > 0) signals.push('asks for detail');
  }
  return {
    kind,
    language,
    promptTokens,
    answerBudget: maxTokens && maxTokens > 0 ? maxTokens : ANSWER_BUDGET[kind],
    confidence,
    hasCode,
    signals,
  };
}
