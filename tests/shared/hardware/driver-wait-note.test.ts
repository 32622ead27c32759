/** The terminal's "waiting for the NVIDIA driver" line, from the windows' catalogs. */
import { describe, expect, it } from 'vitest';
import { driverWaitNote } from '../../../shared/hardware/driver-wait-note';
import type { HardwareSample } from '../../../shared/hardware/sample';

const sample: HardwareSample = {
  timestamp: '2026-11-26T02:56:23.000Z',
  cpu: { loadPercent: 3, perCore: [3] },
  memory: { totalBytes: 100, usedBytes: 60, availableBytes: 40 },
  gpus: [],
  gpuSource: 'none',
  gpuUnavailableReason: 'nvidia-smi exited (code 9)',
  gpuDriverWait: { since: '2026-11-26T02:56:10.000Z', nextProbeAt: '2026-11-26T02:56:53.000Z' },
};

describe('driverWaitNote', () => {
  it('says what happens and what to do, with the seconds to the next check, in en and pt-BR', () => {
    expect(driverWaitNote(sample, 'en')).toBe(
      'Waiting for the NVIDIA driver: it is starting or restarting. GPU readings resume by themselves once it answers (next check in 30 s); CPU and RAM are still monitored. If this lasts more than a few minutes, repair or reinstall the NVIDIA driver.',
    );
    expect(driverWaitNote(sample, 'pt-BR')).toContain('Aguardando o driver da NVIDIA');
    expect(driverWaitNote(sample, 'pt-BR')).toContain('(próxima verificação em 30 s)');
  });

  it('says 0 s while a check runs, and nothing when the sample does not wait', () => {
    expect(
      driverWaitNote({ ...sample, gpuDriverWait: { since: sample.gpuDriverWait!.since, nextProbeAt: null } }, 'en'),
    ).toContain('next check in 0 s');
    expect(driverWaitNote({ ...sample, gpuDriverWait: null }, 'en')).toBeNull();
    expect(driverWaitNote({ ...sample, gpuDriverWait: undefined }, 'en')).toBeNull();
  });
});
