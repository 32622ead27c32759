/**
 * The capacity table fed the reference user's machine (Ryzen 7 9800X3D, 96 GB DDR5-5200 dual channel,
 * RTX 3090 24 GB) against the user's own tables in ../shared/seed/hardware-profile.pt-BR.md.
 */
import { describe, expect, it } from 'vitest';
import type { MachineInventory } from '../../../shared/hardware/inventory';
import { type CapacityRow } from '../../../shared/profile/capacity-table';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import userMachine from '../../fixtures/profile/ryzen-9800x3d-rtx3090.json';

const GiB = 1024 ** 3;
const inventory = userMachine as MachineInventory;
const profile = buildMachineProfile(inventory);
const GPU_BW = 936.096e9;
const RAM_BW = 83.2e9;

function row(size: string, quantization: string): CapacityRow {
  const r = profile.capacity.rows.find((x) => x.size === size && x.quantization === quantization);
  if (!r) throw new Error(`no row ${size} ${quantization}`);
  return r;
}
const gib = (r: CapacityRow) => r.memory.totalBytes / GiB;

describe('capacity of the user machine: inputs', () => {
  it('derives the bandwidths the document states (936 GB/s, ~83 GB/s)', () => {
    expect(profile.bandwidth.gpus[0]!.bytesPerSecond).toBeCloseTo(GPU_BW, -6);
    expect(profile.bandwidth.ram.bytesPerSecond).toBe(RAM_BW);
    expect(profile.capacity.contextTokens).toBe(4096);
    expect(profile.capacity.rows).toHaveLength(8 * 4);
  });
});

describe('GPU inference table of the document', () => {
  // | size | quant | user's tok/s | user's VRAM GB |
  const gpuRows: Array<[string, string, [number, number], [number, number]]> = [
    ['3B', 'Q4_K_M', [150, 200], [2, 3]],
    ['7B', 'Q4_K_M', [80, 120], [4, 6]],
    ['13B', 'Q4_K_M', [50, 70], [8, 10]],
    ['33B/34B', 'Q4_K_M', [20, 30], [20, 22]],
  ];
  it.each(gpuRows)(
    '%s %s runs on the GPU within the user range of speed and memory',
    (size, quant, [lo, hi], [mLo, mHi]) => {
      const r = row(size, quant);
      expect(r.fit).toBe('gpu');
      expect(r.tokensPerSecond).toBeGreaterThanOrEqual(lo);
      expect(r.tokensPerSecond).toBeLessThanOrEqual(hi);
      expect(gib(r)).toBeGreaterThanOrEqual(mLo);
      expect(gib(r)).toBeLessThanOrEqual(mHi);
    },
  );

  it('7B FP16 needs ~14 GB and fits; its speed is as high as bandwidth allows, not the 60-80 of the document', () => {
    const r = row('7B', 'F16');
    expect(r.fit).toBe('gpu');
    expect(gib(r)).toBeGreaterThanOrEqual(13.5);
    expect(gib(r)).toBeLessThanOrEqual(15);
    // 14 GB of weights read per token at 936 GB/s is a hard ceiling of 67 tok/s; the document's 60-80
    // needs 90-120 % of peak. We assert the defensible band: at least 75 % of the user's low end, under the roofline.
    const roofline = GPU_BW / r.memory.bytesPerToken;
    expect(roofline).toBeLessThan(68);
    expect(r.tokensPerSecond).toBeGreaterThanOrEqual(0.75 * 60);
    expect(r.tokensPerSecond).toBeLessThan(roofline);
  });

  it('70B Q4_K_M needs ~40-45 GB and does not fit the GPU (the document: ❌ VRAM insuficiente)', () => {
    const r = row('70B', 'Q4_K_M');
    expect(gib(r)).toBeGreaterThanOrEqual(40);
    expect(gib(r)).toBeLessThanOrEqual(45);
    expect(r.fit).not.toBe('gpu');
    expect(r.fit).toBe('split');
    expect(r.gpuShare!).toBeGreaterThan(0.4);
    expect(r.gpuShare!).toBeLessThan(0.6);
  });

  it('70B Q2_K is the borderline ⚠ case: slightly over 24 GB, so partly offloaded', () => {
    const r = row('70B', 'Q2_K');
    // The document says ~22-24 GB. Real Llama-3-70B Q2_K GGUF files are 26.4 GB (24.6 GiB) before the KV
    // cache, so ~22-24 GB is optimistic: the model spills a little into RAM. We assert 24-30 GiB and "split",
    // which is the document's ⚠ (usable, degraded), and a speed between CPU-only and the document's 10-15.
    expect(gib(r)).toBeGreaterThan(24);
    expect(gib(r)).toBeLessThan(30);
    expect(r.fit).toBe('split');
    expect(r.gpuShare!).toBeGreaterThan(0.75);
    expect(r.tokensPerSecond!).toBeGreaterThan(r.cpuOnlyTokensPerSecond!);
    expect(r.tokensPerSecond!).toBeGreaterThanOrEqual(5);
    expect(r.tokensPerSecond!).toBeLessThanOrEqual(15);
  });

  it('70B F16 (~132 GB) fits neither VRAM + RAM', () => {
    expect(row('70B', 'F16').fit).toBe('no');
    expect(row('70B', 'F16').tokensPerSecond).toBeNull();
  });
});

describe('CPU inference table of the document', () => {
  // | size | user's tok/s | user's RAM GB |, all Q4_K_M
  const cpuRows: Array<[string, [number, number], [number, number]]> = [
    ['3B', [80, 100], [2, 3]],
    ['7B', [40, 60], [4, 6]],
    ['13B', [20, 30], [8, 10]],
    ['33B/34B', [8, 12], [20, 25]],
    ['70B', [3, 5], [40, 50]],
  ];
  it.each(cpuRows)(
    '%s Q4_K_M: memory in the user range; speed bounded by 83 GB/s, below the user optimism',
    (size, [lo], [mLo, mHi]) => {
      const r = row(size, 'Q4_K_M');
      expect(gib(r)).toBeGreaterThanOrEqual(mLo);
      expect(gib(r)).toBeLessThanOrEqual(mHi);
      // Physics: each token reads all weights from RAM, so 83.2 GB/s / bytes per token is a ceiling
      // even at 100 % efficiency. The document's CPU figures are above that ceiling for every row:
      const roofline = RAM_BW / r.memory.bytesPerToken;
      expect(lo).toBeGreaterThan(roofline);
      // So we assert what can be defended: 50-100 % of the roofline, and within a factor 4 of the user's low end.
      const cpu = r.cpuOnlyTokensPerSecond!;
      expect(cpu).toBeGreaterThan(0.5 * roofline);
      expect(cpu).toBeLessThan(roofline);
      expect(lo / cpu).toBeGreaterThan(1);
      expect(lo / cpu).toBeLessThan(4);
    },
  );
});

describe('capacity on other machines', () => {
  it('without a GPU every model that fits RAM runs on the CPU', () => {
    const cpuOnly = buildMachineProfile({ ...inventory, gpus: [], gpuUnavailableReason: 'no NVIDIA driver' });
    expect(cpuOnly.capacity.gpu).toBeNull();
    expect(cpuOnly.capacity.rows.find((r) => r.size === '7B' && r.quantization === 'Q4_K_M')).toMatchObject({
      fit: 'cpu',
      gpuShare: 0,
    });
    expect(cpuOnly.capacity.rows.find((r) => r.size === '70B' && r.quantization === 'Q8_0')!.fit).toBe('cpu');
    expect(cpuOnly.capacity.rows.find((r) => r.size === '70B' && r.quantization === 'F16')!.fit).toBe('no');
    expect(new Set(cpuOnly.capacity.rows.map((r) => r.fit))).toEqual(new Set(['cpu', 'no']));
  });

  it('an H200 (141 GB) holds even 70B F16 on the GPU, far faster than the 3090 for the same model', () => {
    const h200 = buildMachineProfile({
      ...inventory,
      gpus: [
        {
          ...inventory.gpus[0]!,
          name: 'NVIDIA H200',
          memoryTotalBytes: 143771 * 1024 ** 2,
          memoryBusWidthBits: 6144,
          maxMemoryClockMHz: 3201,
        },
      ],
    });
    const r = h200.capacity.rows.find((x) => x.size === '70B' && x.quantization === 'F16')!;
    expect(r.fit).toBe('gpu');
    const q4 = h200.capacity.rows.find((x) => x.size === '70B' && x.quantization === 'Q4_K_M')!;
    expect(q4.tokensPerSecond!).toBeGreaterThan(5 * row('70B', 'Q4_K_M').tokensPerSecond!);
  });

  it('a GPU of unknown bandwidth still places models, with speed unknown', () => {
    const odd = buildMachineProfile({
      ...inventory,
      gpus: [{ ...inventory.gpus[0]!, name: 'NVIDIA Mystery', memoryBusWidthBits: null, maxMemoryClockMHz: null }],
    });
    expect(odd.capacity.rows.find((x) => x.size === '7B' && x.quantization === 'Q4_K_M')).toMatchObject({
      fit: 'gpu',
      tokensPerSecond: null,
    });
  });

  it('with unknown RAM size nothing is placed in RAM', () => {
    const p = buildMachineProfile({ ...inventory, gpus: [], memory: { ...inventory.memory, totalBytes: null } });
    expect(p.capacity.rows.every((r) => r.fit === 'no')).toBe(true);
  });

  it('more context needs more memory', () => {
    const long = buildMachineProfile(inventory, { contextTokens: 32768 });
    const a = long.capacity.rows.find((x) => x.size === '70B' && x.quantization === 'Q4_K_M')!;
    expect(a.memory.totalBytes - row('70B', 'Q4_K_M').memory.totalBytes).toBeCloseTo(7 * 1.25 * GiB, -6);
  });
});
