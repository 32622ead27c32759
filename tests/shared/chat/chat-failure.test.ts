/** A failed answer worded from its code in English and pt-BR, each code apart, the error kept as the detail. */
import { describe, expect, it } from 'vitest';
import { wordChatFailure } from '../../../shared/chat/chat-failure';
import { translator } from '../../../shared/i18n/translate';

const codes = ['model-not-loaded', 'not-running', 'unauthorized', 'not-lmstudio', 'failed'];

describe('wordChatFailure', () => {
  it('words each code apart in both languages, ending with the detail', () => {
    for (const [language, label] of [
      ['en', 'Detail'],
      ['pt-BR', 'Detalhe'],
    ] as const) {
      const t = translator(language);
      const words = codes.map((code) => wordChatFailure(code, 'HTTP 500', t));
      expect(new Set(words).size).toBe(codes.length);
      for (const w of words) expect(w.endsWith(`${label}: HTTP 500`)).toBe(true);
    }
  });

  it('reads an unknown code, or none, as a plain failure', () => {
    const t = translator('pt-BR');
    const failed = wordChatFailure('failed', 'x', t);
    expect(wordChatFailure('interrupted-by-aliens', 'x', t)).toBe(failed);
    expect(wordChatFailure(undefined, 'x', t)).toBe(failed);
    expect(wordChatFailure('toString', 'x', t)).toBe(failed);
  });
});
