/** A small model's one-word answer read as a task. */
import { describe, expect, it } from 'vitest';
import { parseTaskLabel } from '../../../shared/routing/parse-task-label';

describe('parseTaskLabel', () => {
  it.each([
    ['code', 'code'],
    ['Code.', 'code'],
    ['Category: quick', 'quick'],
    ['chat\nbecause…', 'chat'],
    ['código', 'code'],
    ['Conversa geral', 'chat'],
    ['code or chat', null],
    ['', null],
    ['banana', null],
    [42, null],
    [null, null],
  ])('%j → %s', (text, want) => {
    expect(parseTaskLabel(text)).toBe(want);
  });
});
