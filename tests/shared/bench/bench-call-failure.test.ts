/** A failed `bench.*` call, worded in English and pt-BR: what did not happen, what to do, the error's own words kept. */
import { describe, expect, it } from 'vitest';
import { type BenchCallFailure, wordBenchCallFailure } from '../../../shared/bench/bench-call-failure';
import { translator } from '../../../shared/i18n/translate';

const en = translator('en');
const pt = translator('pt-BR');
const detail = 'SQLITE_BUSY: database is locked';
const calls: BenchCallFailure['call'][] = ['list', 'run', 'rate', 'delete', 'export'];

describe('wordBenchCallFailure', () => {
  it('words each call apart in both languages, ending with the detail', () => {
    for (const [t, label] of [
      [en, 'Detail'],
      [pt, 'Detalhe'],
    ] as const) {
      const words = calls.map((call) => wordBenchCallFailure({ call, detail }, t));
      expect(new Set(words).size).toBe(calls.length);
      for (const w of words) expect(w.endsWith(` ${label}: ${detail}`)).toBe(true);
    }
  });

  it('says a run stored nothing and what to check, in pt-BR', () => {
    expect(wordBenchCallFailure({ call: 'run', detail }, pt)).toBe(
      'O benchmark não rodou; nada foi guardado. Confira se o modelo está baixado e se o LM Studio está rodando, e tente de novo. ' +
        `Detalhe: ${detail}`,
    );
  });
});
