/** A failed `models.*` call, worded in English and pt-BR from one function, with the error's own words kept. */
import { describe, expect, it } from 'vitest';
import { wordModelsCallFailure } from '../../../shared/models/models-call-failure';
import { translator } from '../../../shared/i18n/translate';

const en = translator('en');
const pt = translator('pt-BR');
const detail = 'LM Studio refused to unload m1';

describe('wordModelsCallFailure', () => {
  it('says the list could not be read and what to do, in both languages, ending with the detail', () => {
    expect(wordModelsCallFailure({ call: 'list', detail }, en)).toBe(
      `The model list could not be read. Try again in a moment; if it keeps failing, restart Loadout. Detail: ${detail}`,
    );
    expect(wordModelsCallFailure({ call: 'list', detail }, pt)).toBe(
      `Não foi possível ler a lista de modelos. Tente de novo em instantes; se continuar falhando, reinicie o Loadout. Detalhe: ${detail}`,
    );
  });

  it('tells one unload from unloading all', () => {
    expect(wordModelsCallFailure({ call: 'unload', detail }, en)).toBe(
      `The model was not unloaded. Try again; if it keeps failing, unload it in LM Studio. Detail: ${detail}`,
    );
    expect(wordModelsCallFailure({ call: 'unload', detail }, pt)).toBe(
      `O modelo não foi descarregado. Tente de novo; se continuar falhando, descarregue-o no LM Studio. Detalhe: ${detail}`,
    );
    expect(wordModelsCallFailure({ call: 'unload-all', detail }, en)).toBe(
      `The models were not unloaded. Try again; if it keeps failing, unload them in LM Studio. Detail: ${detail}`,
    );
    expect(wordModelsCallFailure({ call: 'unload-all', detail }, pt)).toBe(
      `Os modelos não foram descarregados. Tente de novo; se continuar falhando, descarregue-os no LM Studio. Detalhe: ${detail}`,
    );
  });
});
