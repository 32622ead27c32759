import { describe, expect, it } from 'vitest';
import { deriveTrayIconState } from '../../../shared/tray/tray-icon-state';
import { modelsState, sample3090 } from '../../support/shell-fixtures';

describe('tray icon state', () => {
  it('prefers error, then loading, then busy, then idle', () => {
    const running = {
      presetId: 'dev',
      phase: 'loading' as const,
      step: 1,
      total: 2,
      key: 'x',
      sizeBytes: null,
      elapsedMs: 5,
      message: null,
    };
    expect(deriveTrayIconState({ sample: sample3090, models: modelsState, progress: null })).toBe('idle');
    expect(
      deriveTrayIconState({
        sample: { ...sample3090, gpus: [{ ...sample3090.gpus[0]!, utilizationPercent: 97 }] },
        models: modelsState,
        progress: null,
      }),
    ).toBe('busy');
    expect(deriveTrayIconState({ sample: sample3090, models: modelsState, progress: running })).toBe('loading');
    expect(
      deriveTrayIconState({ sample: sample3090, models: { ...modelsState, reachable: false }, progress: running }),
    ).toBe('error');
    expect(
      deriveTrayIconState({ sample: sample3090, models: modelsState, progress: { ...running, phase: 'refused' } }),
    ).toBe('error');
    expect(
      deriveTrayIconState({ sample: sample3090, models: modelsState, progress: { ...running, phase: 'done' } }),
    ).toBe('idle');
  });
});
