/** Why there is no GPU data, worded in English (the core's reason, the CLI) and pt-BR (the windows) from one function. */
import { describe, expect, it } from 'vitest';
import { wordGpuUnavailable, type GpuUnavailable } from '../../../shared/hardware/gpu-unavailable';
import { GpuUnavailableSchema } from '../../../shared/hardware/gpu-unavailable-schema';
import { translator } from '../../../shared/i18n/translate';

const en = translator('en');
const pt = translator('pt-BR');
const NO_DRIVER: GpuUnavailable = {
  kind: 'no-driver',
  nvml: 'NVML unavailable: libnvidia-ml.so.1: cannot open shared object file.',
  smi: 'nvidia-smi was not found (looked in: PATH).',
};

describe('wordGpuUnavailable', () => {
  it('says no NVIDIA driver was found, keeps the system words and says what to do', () => {
    const text = wordGpuUnavailable(NO_DRIVER, en);
    expect(text).toBe(
      'No NVIDIA driver was found. NVML unavailable: libnvidia-ml.so.1: cannot open shared object file. nvidia-smi: nvidia-smi was not found (looked in: PATH). CPU and RAM are still monitored. If this machine has an NVIDIA GPU, install or repair the NVIDIA driver (nvidia-smi must run in a terminal), or point LOADOUT_NVIDIA_SMI at nvidia-smi and LOADOUT_NVML at the NVML library.',
    );
    const ptText = wordGpuUnavailable(NO_DRIVER, pt);
    expect(ptText).toContain('Nenhum driver NVIDIA foi encontrado.');
    expect(ptText).toContain('nvidia-smi was not found (looked in: PATH).');
    expect(ptText).toContain('CPU e RAM continuam monitoradas.');
  });

  it('tells an installed driver that did not answer from a missing one', () => {
    const failed: GpuUnavailable = { ...NO_DRIVER, kind: 'driver-failed', smi: 'exit code 9' };
    expect(wordGpuUnavailable(failed, en)).toMatch(
      /^The NVIDIA driver did not answer\. .* nvidia-smi: exit code 9 CPU/,
    );
    expect(wordGpuUnavailable(failed, pt)).toMatch(
      /^O driver NVIDIA não respondeu\. .* nvidia-smi: exit code 9 CPU e RAM/,
    );
  });

  it('words the nvidia-smi loop stopping, restarting, hung and silent', () => {
    const exited: GpuUnavailable = { kind: 'smi-exited', detail: 'nvidia-smi exited (code 9)', restartInSeconds: 2 };
    expect(wordGpuUnavailable(exited, en)).toBe('nvidia-smi exited (code 9). Restarting it in 2 s.');
    expect(wordGpuUnavailable(exited, pt)).toBe('O nvidia-smi parou (nvidia-smi exited (code 9)). Reiniciando em 2 s.');
    expect(wordGpuUnavailable({ ...exited, restartInSeconds: null }, en)).toBe('nvidia-smi exited (code 9).');
    expect(wordGpuUnavailable({ ...exited, restartInSeconds: null }, pt)).toBe(
      'O nvidia-smi parou (nvidia-smi exited (code 9)).',
    );
    expect(wordGpuUnavailable({ kind: 'smi-hung', seconds: 19 }, en)).toContain('has printed nothing for 19 s (hung');
    expect(wordGpuUnavailable({ kind: 'smi-hung', seconds: 19 }, pt)).toContain('não escreve nada há 19 s');
    expect(wordGpuUnavailable({ kind: 'smi-silent', seconds: 3 }, en)).toBe(
      'nvidia-smi has not reported for over 3 s.',
    );
    expect(wordGpuUnavailable({ kind: 'smi-silent', seconds: 3 }, pt)).toBe(
      'O nvidia-smi não dá notícias há mais de 3 s.',
    );
  });

  it('words the states with no values in both languages', () => {
    const words = (kind: 'nvml-no-gpu' | 'starting' | 'stopped') => [
      wordGpuUnavailable({ kind }, en),
      wordGpuUnavailable({ kind }, pt),
    ];
    expect(words('nvml-no-gpu')).toEqual([
      'NVML reports no NVIDIA GPU on this machine.',
      'A NVML não encontra nenhuma GPU NVIDIA nesta máquina.',
    ]);
    expect(words('starting')).toEqual([
      'The GPU source is still starting.',
      'A fonte de dados da GPU ainda está iniciando.',
    ]);
    expect(words('stopped')).toEqual(['GPU monitoring is stopped.', 'O monitoramento da GPU está parado.']);
  });

  it("words NVML's own reasons (closed, not read yet, a hung driver, a lost worker or driver) in both languages", () => {
    const both = (reason: GpuUnavailable) => [wordGpuUnavailable(reason, en), wordGpuUnavailable(reason, pt)];
    expect(both({ kind: 'nvml-closed' })).toEqual(['NVML was closed.', 'A NVML foi fechada.']);
    expect(both({ kind: 'nvml-not-read-yet' })).toEqual(['NVML has not been read yet.', 'A NVML ainda não foi lida.']);
    // Seconds with the language's own decimal mark.
    expect(both({ kind: 'nvml-overdue', seconds: 0.5 })).toEqual([
      'The NVIDIA driver has not answered NVML for 0.5 s; GPU values resume when it does.',
      'O driver NVIDIA não responde à NVML há 0,5 s; os valores da GPU voltam quando ele responder.',
    ]);
    expect(both({ kind: 'nvml-worker-lost', detail: null })).toEqual([
      'The NVML worker thread stopped.',
      'A thread de leitura da NVML parou.',
    ]);
    // The error's own words are kept as they are.
    expect(both({ kind: 'nvml-worker-lost', detail: 'koffi crashed' })).toEqual([
      'The NVML worker thread failed (koffi crashed).',
      'A thread de leitura da NVML falhou (koffi crashed).',
    ]);
    expect(both({ kind: 'nvml-lost', detail: 'error 15 (GPU is lost)' })).toEqual([
      'NVML stopped answering (error 15 (GPU is lost)): the NVIDIA driver was reset or unloaded.',
      'A NVML parou de responder (error 15 (GPU is lost)): o driver NVIDIA foi reiniciado ou descarregado.',
    ]);
  });

  it("words the inventory's reasons (none found, none listed, a failed listing) in both languages", () => {
    const both = (reason: GpuUnavailable) => [wordGpuUnavailable(reason, en), wordGpuUnavailable(reason, pt)];
    expect(both({ kind: 'none-found', nvml: 'NVML reports no NVIDIA GPU.', smi: 'exit code 9' })).toEqual([
      'No NVIDIA GPU found. NVML reports no NVIDIA GPU. nvidia-smi: exit code 9',
      'Nenhuma GPU NVIDIA foi encontrada. NVML reports no NVIDIA GPU. nvidia-smi: exit code 9',
    ]);
    expect(both({ kind: 'smi-no-gpu' })).toEqual(['nvidia-smi lists no GPU.', 'O nvidia-smi não lista nenhuma GPU.']);
    expect(both({ kind: 'none-listed' })).toEqual(['No NVIDIA GPU found.', 'Nenhuma GPU NVIDIA foi encontrada.']);
    expect(both({ kind: 'inventory-failed', detail: 'the worker stopped' })).toEqual([
      'The GPUs could not be listed: the worker stopped',
      'Não foi possível listar as GPUs: the worker stopped',
    ]);
    for (const reason of [
      { kind: 'none-found', nvml: 'n', smi: 's' },
      { kind: 'smi-no-gpu' },
      { kind: 'none-listed' },
      { kind: 'inventory-failed', detail: 'd' },
    ])
      expect(GpuUnavailableSchema.parse(reason)).toEqual(reason);
    expect(GpuUnavailableSchema.safeParse({ kind: 'none-found', nvml: 'n' }).success).toBe(false);
    expect(GpuUnavailableSchema.safeParse({ kind: 'inventory-failed' }).success).toBe(false);
  });

  it("parses NVML's reasons as the sample carries them, and refuses them without their values", () => {
    for (const reason of [
      { kind: 'nvml-closed' },
      { kind: 'nvml-not-read-yet' },
      { kind: 'nvml-overdue', seconds: 1.2 },
      { kind: 'nvml-worker-lost', detail: null },
      { kind: 'nvml-worker-lost', detail: 'x' },
      { kind: 'nvml-lost', detail: 'error 15' },
    ])
      expect(GpuUnavailableSchema.parse(reason)).toEqual(reason);
    for (const reason of [{ kind: 'nvml-overdue' }, { kind: 'nvml-worker-lost' }, { kind: 'nvml-lost', detail: 15 }])
      expect(GpuUnavailableSchema.safeParse(reason).success).toBe(false);
  });

  it('rejects a reason a newer core might send, so a window falls back to the English sentence', () => {
    expect(GpuUnavailableSchema.safeParse({ kind: 'warp-drive' }).success).toBe(false);
  });
});
