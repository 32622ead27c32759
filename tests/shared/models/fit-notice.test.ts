/** The fit verdict as data, worded per language: the same figures in English and pt-BR, the advice included. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import { wordFit, type FitNotice } from '../../../shared/models/fit-notice';
import { checkMemoryFit } from '../../../shared/models/memory-fit';

const GiB = 1024 ** 3;
const short: FitNotice = {
  mode: 'gpu',
  gpuUnavailableReason: null,
  gpuBytes: 0,
  ramBytes: 0,
  problems: [
    {
      key: 'qwen2.5-32b-instruct',
      short: 'vram',
      neededBytes: 23.52 * GiB,
      availableBytes: 23.48 * GiB,
      splitGpuBytes: null,
      suggestions: [
        { kind: 'quantization', key: 'qwen2.5-32b-instruct@q3_k_m', quantization: 'Q3_K_M', bytes: 17.25 * GiB },
        { kind: 'context', tokens: 8192, bytes: 21.04 * GiB },
        { kind: 'cpu', bytes: 23.52 * GiB, freeBytes: 60 * GiB },
        { kind: 'split', ratio: 0.9 },
      ],
    },
  ],
};

describe('wordFit', () => {
  it('words a refusal and its advice in pt-BR, with the rounded figures that agree (need above free, the gap shown)', () => {
    expect(wordFit(short, translator('pt-BR'), 'pt-BR', true)).toBe(
      'Não cabe; nada foi alterado. qwen2.5-32b-instruct precisa de ~23,6 GiB de VRAM e ~23,4 GiB estariam livres (faltam 0,2 GiB). ' +
        'O que caberia: uma quantização menor: qwen2.5-32b-instruct@q3_k_m (Q3_K_M), ~17,3 GiB; um contexto menor: 8192 tokens, ~21,0 GiB; ' +
        'rodar na CPU: gpuOffload "off" (tudo na RAM, ~23,5 GiB de 60,0 GiB livres; mais lento); dividir entre GPU e CPU: gpuOffload 0.9 (o resto na RAM; mais lento).',
    );
  });

  it('words the same notice in English as the core did before it sent data, and a preview without "nothing was changed"', () => {
    const en = wordFit(short, translator('en'), 'en-US');
    expect(en).toMatch(
      /^Does not fit\. qwen2\.5-32b-instruct needs ~23\.6 GiB of VRAM and ~23\.4 GiB would be free \(0\.2 GiB short\)\. What would fit: a smaller quantization/,
    );
    expect(en).not.toContain('nothing was changed');
  });

  it('says what was not checked, and a fit, in pt-BR', () => {
    const fit = checkMemoryFit({
      loads: [{ key: 'a-7b', sizeBytes: 4 * GiB, paramsString: '7B', contextLength: 4096 }],
      unloads: [],
      sample: null,
    });
    expect(fit.notice.mode).toBe('unknown');
    expect(wordFit(fit.notice, translator('pt-BR'), 'pt-BR')).toMatch(
      /^Sem leitura do hardware: a memória não foi verificada\. Cabe: ~0,0 GiB na GPU, ~\d+,\d GiB na RAM\.$/,
    );
    // The English sentence the core keeps for logs and --json is the same verdict.
    expect(fit.message).toMatch(/^No hardware reading: memory was not checked\. Fits: ~0\.0 GiB on the GPU/);
  });
});
