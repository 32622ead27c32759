import { describe, expect, it } from 'vitest';
import { shellStrings } from '../../../electron/main/tray/tray-strings';
import { formatTrayTooltip } from '../../../shared/tray/tray-tooltip';
import { energySummary, sample3090 } from '../../support/shell-fixtures';

const en = shellStrings('en', 'en-US');
const pt = shellStrings('auto', 'pt-BR');

describe('tray tooltip', () => {
  it('shows GPU util, VRAM, power, CPU, RAM and today’s cost', () => {
    const text = formatTrayTooltip(sample3090, energySummary, en, 'en-US');
    expect(text).toBe('Loadout\nGPU 37% · VRAM 19.6/24 GB · 231 W\nCPU 13% · RAM 41.3/96 GB\ntoday: 1.84 kWh · R$1.64');
    expect(text.length).toBeLessThanOrEqual(127);
  });

  it('speaks pt-BR and says why there is no GPU', () => {
    const noGpu = {
      ...sample3090,
      gpus: [],
      gpuSource: 'none' as const,
      gpuUnavailableReason: 'no NVIDIA driver found',
    };
    const text = formatTrayTooltip(noGpu, null, pt, 'pt-BR');
    expect(text).toContain('GPU: sem dados da GPU');
    expect(text).toContain('RAM 41,3/96 GB');
    expect(formatTrayTooltip(null, null, pt, 'pt-BR')).toBe('Loadout: aguardando a primeira leitura');
  });

  it('says it waits for the NVIDIA driver while the driver is being probed again, not "no GPU data"', () => {
    const waiting = {
      ...sample3090,
      gpus: [],
      gpuSource: 'none' as const,
      gpuUnavailableReason: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.",
      gpuDriverWait: { since: '2026-11-26T02:56:10.000Z', nextProbeAt: '2026-11-26T02:56:36.500Z' },
    };
    expect(formatTrayTooltip(waiting, null, en, 'en-US').split('\n')[1]).toBe('GPU: waiting for the NVIDIA driver');
    expect(formatTrayTooltip(waiting, null, pt, 'pt-BR').split('\n')[1]).toBe('GPU: aguardando o driver da NVIDIA');
  });
});
