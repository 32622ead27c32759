/** `loadout apply`'s progress lines: the step lines, and when the preset can first answer. */
import { describe, expect, it } from 'vitest';
import type { PresetProgress } from '../../shared/contract/presets';
import { progressLine } from '../../electron/cli/preset-outcome-output';

const base: PresetProgress = {
  presetId: 'multi-agent',
  phase: 'loading',
  step: 2,
  total: 3,
  key: 'qwen2.5-coder-14b-instruct',
  sizeBytes: null,
  elapsedMs: 1200,
  message: null,
};

describe('progressLine', () => {
  it('says when the preset is usable, apart from the step lines', () => {
    expect(progressLine(base)).toBe('[2/3] load qwen2.5-coder-14b-instruct · 1.2 s');
    // A step that starts after the preset became usable is still a step line.
    expect(progressLine({ ...base, usableAfterMs: 900 })).toBe('[2/3] load qwen2.5-coder-14b-instruct · 1.2 s');
    expect(progressLine({ ...base, usableAfterMs: 1450, message: 'qwen2.5-coder-14b-instruct is ready' })).toBe(
      'ready: qwen2.5-coder-14b-instruct answers · 1.4 s',
    );
  });

  it('gives the time to usable beside the total when the switch is done', () => {
    expect(progressLine({ ...base, phase: 'done', step: 3, elapsedMs: 3000 })).toBe('done in 3.0 s');
    expect(progressLine({ ...base, phase: 'done', step: 3, elapsedMs: 3000, usableAfterMs: 150 })).toBe(
      'done in 3.0 s (usable after 0.1 s)',
    );
  });
});
