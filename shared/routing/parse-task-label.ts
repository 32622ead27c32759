/** Reads a small model's one-word classification ("code", "Quick.", "Category: chat", "código") as a task; never throws. */
import type { TaskKind } from './types';

const LABELS: Array<[RegExp, TaskKind]> = [
  [/\b(?:code|coding|programming|c[oó]digo|programa[cç][aã]o)\b/i, 'code'],
  [/\b(?:quick|short|simple|r[aá]pid[ao]|curt[ao]|simples)\b/i, 'quick'],
  [/\b(?:chat|general|conversation|conversa|geral)\b/i, 'chat'],
];

/** The first label found in the first line of `text`, or null when there is none (or more than one kind). */
export function parseTaskLabel(text: unknown): TaskKind | null {
  if (typeof text !== 'string') return null;
  const line = text.trim().split('\n')[0]?.slice(0, 80) ?? '';
  const kinds = LABELS.filter(([re]) => re.test(line)).map(([, kind]) => kind);
  return kinds.length === 1 ? kinds[0]! : null;
}
