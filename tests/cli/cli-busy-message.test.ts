/** The CLI names --force for a busy refusal; the core's message (what the app shows) does not. */
import { describe, expect, it } from 'vitest';
import { cliMessage } from '../../electron/cli/preset-outcome-output';
import type { ApplyOutcome } from '../../electron/core/presets/presets-service';

const base: ApplyOutcome = {
  presetId: 'gaming',
  result: 'refused',
  message: 'qwen is still generating after waiting 30 s, so nothing was changed.',
  plan: [],
  fit: null,
  unresolved: [],
  execution: null,
};
const execution = (busy: Array<{ instanceId: string; modelKey: string }>) => ({
  result: 'refused' as const,
  message: base.message,
  completed: [],
  failure: null,
  restored: null,
  busy: busy.map((b) => ({ ...b, source: 'lm-studio' as const })),
});

describe('cliMessage', () => {
  it('adds the --force hint only to a refusal for generating models', () => {
    expect(cliMessage({ ...base, execution: execution([{ instanceId: 'qwen', modelKey: 'qwen' }]) })).toBe(
      `${base.message} Pass --force to unload anyway.`,
    );
    expect(cliMessage(base)).toBe(base.message);
    expect(
      cliMessage({
        ...base,
        result: 'failed',
        execution: { ...execution([{ instanceId: 'qwen', modelKey: 'qwen' }]), result: 'failed' },
      }),
    ).toBe(base.message);
  });
});
