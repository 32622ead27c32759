import { describe, expect, it } from 'vitest';
import { loadedModelName, modelDisplayName, presetDisplayName } from '../../../shared/presets/display-names';

const loaded = [
  { instanceId: 'qwen-7b:2', modelKey: 'qwen/qwen2.5-7b-instruct', displayName: 'Qwen2.5 7B Instruct' },
  { instanceId: 'gemma-3-270m', modelKey: 'google/gemma-3-270m', displayName: null },
];

describe('display names', () => {
  it('prefers the model display name and falls back to its key', () => {
    expect(modelDisplayName(loaded[0]!)).toBe('Qwen2.5 7B Instruct');
    expect(modelDisplayName(loaded[1]!)).toBe('google/gemma-3-270m');
  });

  it('names a busy model by its instance, else by the key it carries', () => {
    expect(loadedModelName({ instanceId: 'qwen-7b:2', modelKey: 'qwen/qwen2.5-7b-instruct' }, loaded)).toBe(
      'Qwen2.5 7B Instruct',
    );
    expect(loadedModelName({ instanceId: 'gone', modelKey: 'mistral/devstral' }, loaded)).toBe('mistral/devstral');
    expect(loadedModelName({ instanceId: 'qwen-7b:2', modelKey: 'qwen/qwen2.5-7b-instruct' }, null)).toBe(
      'qwen/qwen2.5-7b-instruct',
    );
  });

  it('names a preset, or shows its id when it is unknown', () => {
    expect(presetDisplayName({ name: 'Multi-agent' }, 'multi-agent')).toBe('Multi-agent');
    expect(presetDisplayName(null, 'multi-agent')).toBe('multi-agent');
  });
});
