/** A failed `presets.*` call, worded in English and pt-BR, saying what did not happen and keeping the error's words. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import { type PresetsCallFailure, wordPresetsCallFailure } from '../../../shared/presets/presets-call-failure';

const en = translator('en');
const pt = translator('pt-BR');
const detail = 'EACCES: permission denied, open presets.json';
const calls: PresetsCallFailure['call'][] = [
  'list',
  'duplicate',
  'reorder',
  'export',
  'pin',
  'delete',
  'save',
  'import',
  'plan',
  'apply',
];

describe('wordPresetsCallFailure', () => {
  it('words each call apart in both languages, ending with the detail', () => {
    for (const t of [en, pt]) {
      const words = calls.map((call) => wordPresetsCallFailure({ call, detail }, t));
      expect(new Set(words).size).toBe(calls.length);
      for (const w of words) {
        expect(w).toMatch(new RegExp(`(Detail|Detalhe): ${detail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
        expect(w).not.toContain('presetsCallFailure.');
      }
    }
  });

  it('says what did not happen and what the list shows now', () => {
    expect(wordPresetsCallFailure({ call: 'reorder', detail }, en)).toBe(
      `The new order was not saved; the list shows the saved order. Try again. Detail: ${detail}`,
    );
    expect(wordPresetsCallFailure({ call: 'reorder', detail }, pt)).toBe(
      `A nova ordem não foi salva; a lista mostra a ordem salva. Tente de novo. Detalhe: ${detail}`,
    );
    expect(wordPresetsCallFailure({ call: 'delete', detail }, pt)).toBe(
      `O preset não foi excluído. Tente de novo; se continuar falhando, reinicie o Loadout. Detalhe: ${detail}`,
    );
  });
});
