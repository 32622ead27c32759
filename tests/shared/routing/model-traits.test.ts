/** Model family knowledge is derived from key, architecture and capabilities, so new models are recognised. */
import { describe, expect, it } from 'vitest';
import { modelTraits } from '../../../shared/routing/model-traits';
import { model } from '../../support/catalog';

describe('modelTraits', () => {
  it('recognises coder families by name, including ones it has never seen', () => {
    expect(modelTraits(model('qwen2.5-coder-14b-instruct')).coder).toBe(true);
    expect(modelTraits(model('deepseek-coder-33b-instruct')).coder).toBe(true);
    expect(modelTraits(model('codellama-13b-instruct')).coder).toBe(true);
    expect(
      modelTraits({
        ...model('qwen2.5-7b-instruct'),
        key: 'mistralai/devstral-small-2505',
        displayName: 'Devstral Small',
      }).coder,
    ).toBe(true);
    expect(modelTraits({ ...model('qwen2.5-7b-instruct'), key: 'acme/starcoder2-15b', displayName: 'x' }).coder).toBe(
      true,
    );
    expect(modelTraits(model('qwen2.5-7b-instruct')).coder).toBe(false);
    expect(modelTraits({ ...model('qwen2.5-7b-instruct'), key: 'decoder-only-7b', displayName: 'x' }).coder).toBe(
      false,
    );
  });

  it('takes vision, tools and embedding from what LM Studio reports', () => {
    expect(modelTraits(model('google/gemma-3-12b')).vision).toBe(true);
    expect(modelTraits(model('qwen2.5-7b-instruct')).vision).toBe(false);
    expect(modelTraits(model('qwen2.5-7b-instruct')).toolUse).toBe(true);
    expect(modelTraits(model('text-embedding-nomic-embed-text-v1.5')).embedding).toBe(true);
    expect(modelTraits(model('llama-3.2-3b-instruct')).longContext).toBe(true);
    expect(modelTraits(model('qwen2.5-coder-14b-instruct')).paramsB).toBe(14);
    expect(
      modelTraits({ ...model('qwen2.5-7b-instruct'), paramsString: null, key: 'google/gemma-3n-e4b' }).paramsB,
    ).toBeNull();
  });
});
