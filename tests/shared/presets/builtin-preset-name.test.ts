/** Built-ins speak the UI language until the user changes their words; what the user typed stays as typed. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import { builtInPresets } from '../../../shared/presets/builtins';
import { localPresetDescription, localPresetName } from '../../../shared/presets/builtin-preset-name';

const pt = translator('pt-BR');

describe('built-in preset words', () => {
  it('names and describes every untouched built-in from the pt-BR catalog, and from the English one as shipped', () => {
    for (const preset of builtInPresets()) {
      expect(localPresetDescription(preset, pt), preset.id).not.toBe(preset.description);
      expect(localPresetName(preset, pt), preset.id).not.toBe(preset.name);
      expect(localPresetDescription(preset, translator('en'))).toBe(preset.description);
    }
    const gaming = builtInPresets().find((p) => p.id === 'gaming')!;
    expect(localPresetDescription(gaming, pt)).toBe(
      'Descarrega todos os modelos (exceto os fixados): toda a VRAM de volta para o jogo.',
    );
  });

  it("keeps what the user wrote, and a user preset's words, as they are", () => {
    const dev = builtInPresets().find((p) => p.id === 'dev')!;
    expect(localPresetDescription({ ...dev, description: 'Meu coder' }, pt)).toBe('Meu coder');
    expect(localPresetName({ ...dev, name: 'Código' }, pt)).toBe('Código');
    expect(localPresetDescription({ ...dev, builtIn: false }, pt)).toBe(dev.description);
  });
});
