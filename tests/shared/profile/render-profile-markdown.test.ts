import { describe, expect, it } from 'vitest';
import type { MachineInventory } from '../../../shared/hardware/inventory';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import {
  formatBandwidth,
  formatMemorySize,
  formatTokensPerSecond,
  renderProfileMarkdown,
} from '../../../shared/profile/render-profile-markdown';
import userMachine from '../../fixtures/profile/ryzen-9800x3d-rtx3090.json';

const inventory = userMachine as MachineInventory;
const profile = buildMachineProfile(inventory);
const lines = (md: string) => md.split('\n');

describe('renderProfileMarkdown (user machine)', () => {
  const en = renderProfileMarkdown(profile, { generatedAt: new Date('2026-11-26T03:00:00Z') });

  it('has the sections of the user document, in order', () => {
    const headings = lines(en).filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Hardware Specifications - Machine Profile',
      '## Summary',
      '## Detailed Specifications',
      '### CPU',
      '### RAM',
      '### GPU',
      '## Capacity',
    ]);
    expect(en).toContain('**Generated**: 2026-11-26');
  });

  it('summarizes the largest model on the GPU and the largest that runs at all', () => {
    expect(lines(en)).toContain(
      '- Largest model entirely on the GPU (NVIDIA GeForce RTX 3090): 33B/34B Q4_K_M (20.9 GB, ~24 tok/s).',
    );
    expect(lines(en)).toContain(
      '- Largest model that runs at all (GPU, GPU + RAM or CPU): 70B Q8_0 (71.1 GB, ~1.0 tok/s).',
    );
  });

  it('describes CPU, RAM and GPU in code blocks with the key facts', () => {
    for (const line of [
      'Model: AMD Ryzen 7 9800X3D 8-Core Processor',
      'Cores: 8 physical / 8 logical',
      'Clock: 4.7 GHz (max)',
      'L3 cache: 96 MB',
      'Capacity: 96 GB (2 modules)',
      'Type: DDR5',
      'Speed: 5200 MT/s',
      'Channels: 2',
      'Bandwidth: ~83 GB/s (5200 MT/s × 8 B × 2 channels)',
      'Model: NVIDIA GeForce RTX 3090',
      'VRAM: 24 GB',
      'Driver: 581.80',
      'Compute Capability: 8.6',
      'Memory bandwidth: ~936 GB/s (384-bit × 9751 MHz × 2 / 8)',
    ])
      expect(lines(en)).toContain(line);
    expect(en.match(/^```$/gm)).toHaveLength(6);
  });

  it('renders the capacity table with one row per size and quantization', () => {
    const table = lines(en).filter((l) => l.startsWith('| '));
    expect(table[0]).toBe('| Model | Quantization | Memory | Fits | Est. speed | CPU only |');
    expect(table).toHaveLength(1 + 32);
    expect(table).toContain('| 7B | Q4_K_M | 5 GB | ✅ GPU | ~102 tok/s | ~12 tok/s |');
    expect(table.find((l) => l.startsWith('| 70B | Q4_K_M |'))).toMatch(/⚠️ GPU \+ RAM \(5\d% on GPU\)/);
    expect(table.find((l) => l.startsWith('| 70B | F16 |'))).toMatch(/❌ does not fit \| — \| — \|$/);
    expect(en).toContain('- GPU: NVIDIA GeForce RTX 3090, 22.8 GB usable after headroom.');
  });

  it('speaks Brazilian Portuguese on request', () => {
    const pt = renderProfileMarkdown(profile, { locale: 'pt-BR' });
    for (const line of [
      'Modelo: AMD Ryzen 7 9800X3D 8-Core Processor',
      'Núcleos: 8 físicos / 8 lógicos',
      'Frequência: 4.7 GHz (máx.)',
      'Capacidade: 96 GB (2 módulos)',
      'Tipo: DDR5',
      'Velocidade: 5200 MT/s',
    ]) {
      expect(lines(pt)).toContain(line);
    }
    expect(pt).toContain('| Modelo | Quantização | Memória | Cabe? | Velocidade est. | Só CPU |');
    expect(pt).toContain('❌ não cabe');
    expect(pt).not.toContain('**Generated**');
    // The section headings too: the English ones are the user's document's, the pt-BR ones their translation.
    expect(lines(pt).filter((l) => l.startsWith('#'))).toEqual([
      '# Especificações de Hardware - Perfil da Máquina',
      '## Resumo',
      '## Especificações Detalhadas',
      '### CPU',
      '### RAM',
      '### GPU',
      '## Capacidade',
    ]);
    expect(lines(pt)).toContain('Largura de banda: ~83 GB/s (5200 MT/s × 8 B × 2 canais)');
  });

  it('names the source of a bandwidth it did not compute, in the reader language', () => {
    const guessed = buildMachineProfile({
      ...inventory,
      memory: { ...inventory.memory, channels: null },
      gpus: [
        {
          ...inventory.gpus[0]!,
          name: 'NVIDIA H200',
          memoryTotalBytes: 143771 * 1024 ** 2,
          memoryBusWidthBits: null,
          maxMemoryClockMHz: null,
        },
      ],
    });
    const en = lines(renderProfileMarkdown(guessed));
    expect(en).toContain('Memory bandwidth: ~4.8 TB/s (spec sheet of the NVIDIA H200)');
    expect(en).toContain('Bandwidth: ~83 GB/s (5200 MT/s × 8 B × 2 channels, channel count unknown: assumed)');
    expect(en).toContain('VRAM: 140 GB');
    const pt = lines(renderProfileMarkdown(guessed, { locale: 'pt-BR' }));
    expect(pt).toContain('Largura de banda da memória: ~4.8 TB/s (ficha técnica da NVIDIA H200)');
  });

  it('says why there is no GPU and keeps unknown facts visible as unknown', () => {
    const bare = buildMachineProfile({
      ...inventory,
      cpu: { ...inventory.cpu, l3CacheBytes: null, speedMaxGHz: null },
      memory: { totalBytes: 16 * 1024 ** 3, type: null, speedMTs: null, modules: null, channels: null },
      gpus: [],
      gpuUnavailableReason: 'nvidia-smi was not found',
    });
    const md = renderProfileMarkdown(bare);
    expect(md).toContain('No NVIDIA GPU available. nvidia-smi was not found. Models run on the CPU from system RAM.');
    expect(lines(md)).toContain('Clock: unknown');
    expect(lines(md)).toContain('Capacity: 16 GB');
    expect(md).toMatch(/Bandwidth: unknown \(the memory modules did not report their speed/);
    expect(md).toContain('| 7B | Q4_K_M | 5 GB | ✅ CPU | — | — |');
    expect(md).not.toContain('entirely on the GPU');
    expect(lines(md)).toContain('- Largest model that runs at all (GPU, GPU + RAM or CPU): 14B Q4_K_M (9.2 GB).');
    const unknownRam = renderProfileMarkdown(
      buildMachineProfile({ ...inventory, gpus: [], memory: { ...inventory.memory, totalBytes: null } }),
    );
    expect(unknownRam).toContain('- Not even a 1B model fits: the memory size could not be read.');
  });

  it("words a known no-GPU reason in the profile's language, keeping the system's own words", () => {
    const nvml = 'NVML unavailable: libnvidia-ml.so.1 could not be loaded.';
    const smi = 'nvidia-smi was not found (looked in: PATH).';
    const bare = buildMachineProfile({
      ...inventory,
      gpus: [],
      gpuUnavailableReason: `No NVIDIA GPU found. ${nvml} nvidia-smi: ${smi}`,
      gpuUnavailable: { kind: 'none-found', nvml, smi },
    });
    const pt = renderProfileMarkdown(bare, { locale: 'pt-BR' });
    expect(pt).toContain(
      `Nenhuma GPU NVIDIA disponível. Nenhuma GPU NVIDIA foi encontrada. ${nvml} nvidia-smi: ${smi}`,
    );
    expect(pt).not.toContain('No NVIDIA GPU found');
    expect(renderProfileMarkdown(bare)).toContain(
      `No NVIDIA GPU available. No NVIDIA GPU found. ${nvml} nvidia-smi: ${smi} Models run on the CPU`,
    );
  });
});

describe('formatters', () => {
  it('format sizes, bandwidths and speeds as people read them', () => {
    expect(formatMemorySize(24 * 1024 ** 3)).toBe('24 GB');
    expect(formatMemorySize(512 * 1024 ** 2)).toBe('512 MB');
    expect(formatMemorySize(1.02 * 1024 ** 3)).toBe('1 GB');
    expect(formatMemorySize(140.4 * 1024 ** 3)).toBe('140 GB');
    expect(formatBandwidth(936.1e9)).toBe('~936 GB/s');
    expect(formatBandwidth(4.917e12)).toBe('~4.9 TB/s');
    expect(formatTokensPerSecond(2.44)).toBe('~2.4 tok/s');
    expect(formatTokensPerSecond(101.8)).toBe('~102 tok/s');
    expect(formatTokensPerSecond(null)).toBe('—');
  });
});
