/** `loadout monitor`'s stderr notes: each said when it starts or changes, not on every reading. */
import { describe, expect, it } from 'vitest';
import type { HardwareSample } from '../../shared/hardware/sample';
import { createSampleNotes } from '../../electron/cli/monitor-sample-notes';

const base: HardwareSample = {
  timestamp: '2026-11-26T02:56:23.000Z',
  cpu: { loadPercent: 3, perCore: [3] },
  memory: { totalBytes: 100, usedBytes: 60, availableBytes: 40 },
  gpus: [],
  gpuSource: 'none',
  gpuUnavailableReason: null,
};
const waiting = { since: '2026-11-26T02:56:10.000Z', nextProbeAt: '2026-11-26T02:56:53.000Z' };

describe('createSampleNotes', () => {
  it('says the driver wait once when it starts, and again after it ended and came back', () => {
    const notes = createSampleNotes('en');
    const wait = { ...base, gpuDriverWait: waiting };
    expect(notes(wait)).toEqual([expect.stringContaining('Waiting for the NVIDIA driver')]);
    expect(notes(wait)).toEqual([]);
    expect(notes(base)).toEqual([]);
    expect(notes(wait)).toHaveLength(1);
  });

  it('says the unavailable and fallback reasons when they change, not while they stay', () => {
    const notes = createSampleNotes('en');
    const down = { ...base, gpuUnavailableReason: 'nvidia-smi exited (code 9)' };
    expect(notes(down)).toEqual(['nvidia-smi exited (code 9)']);
    expect(notes(down)).toEqual([]);
    const fallback = { ...base, gpuSource: 'nvidia-smi' as const, gpuFallbackReason: 'NVML is not installed.' };
    expect(notes(fallback)).toEqual(['GPU data from nvidia-smi because NVML is not installed.']);
    expect(notes(fallback)).toEqual([]);
    expect(notes(down)).toEqual(['nvidia-smi exited (code 9)']);
  });

  it('words the wait in the terminal language', () => {
    expect(createSampleNotes('pt-BR')({ ...base, gpuDriverWait: waiting })[0]).toContain(
      'Aguardando o driver da NVIDIA',
    );
  });
});
