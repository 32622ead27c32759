/** The words of the Markdown machine profile, in English and Brazilian Portuguese (section headings follow the user's own document). */

export type ProfileLocale = 'en' | 'pt-BR';

export const PROFILE_LOCALES: readonly ProfileLocale[] = ['en', 'pt-BR'];

export interface ProfileStrings {
  /** Section headings: the English ones are the user's document's own. */
  headings: { title: string; summary: string; details: string; capacity: string };
  coresLabel: string;
  max: string;
  generated: string;
  system: string;
  model: string;
  cores: (physical: string, logical: string) => string;
  clockMax: string;
  l3: string;
  capacity: string;
  modules: (n: number) => string;
  type: string;
  speed: string;
  channels: string;
  bandwidth: string;
  vram: string;
  driver: string;
  computeCapability: string;
  memoryBandwidth: string;
  unknown: string;
  noGpu: (reason: string) => string;
  specSheet: (gpu: string) => string;
  gpuBandwidthUnknown: string;
  ramSpeedUnknown: string;
  ramFormula: (speed: number, channels: number, assumed: boolean) => string;
  capacityIntro: (context: string) => string;
  summaryGpu: (model: string, gpu: string) => string;
  summaryAnywhere: (model: string) => string;
  summaryNothing: string;
  placementGpu: (name: string, usable: string) => string;
  placementRam: (usable: string) => string;
  columns: [string, string, string, string, string, string];
  fit: { gpu: string; split: (percent: number) => string; cpu: string; no: string };
  notes: string[];
}

const en: ProfileStrings = {
  headings: { title: 'Hardware Specifications - Machine Profile', summary: 'Summary', details: 'Detailed Specifications', capacity: 'Capacity' },
  coresLabel: 'Cores',
  max: 'max',
  generated: 'Generated',
  system: 'System',
  model: 'Model',
  cores: (p, l) => `${p} physical / ${l} logical`,
  clockMax: 'Clock',
  l3: 'L3 cache',
  capacity: 'Capacity',
  modules: (n) => `${n} module${n === 1 ? '' : 's'}`,
  type: 'Type',
  speed: 'Speed',
  channels: 'Channels',
  bandwidth: 'Bandwidth',
  vram: 'VRAM',
  driver: 'Driver',
  computeCapability: 'Compute Capability',
  memoryBandwidth: 'Memory bandwidth',
  unknown: 'unknown',
  noGpu: (reason) => `No NVIDIA GPU available. ${reason} Models run on the CPU from system RAM.`,
  specSheet: (gpu) => `spec sheet of the ${gpu}`,
  gpuBandwidthUnknown: 'the driver gave no memory bus width and this GPU is not in the known list',
  ramSpeedUnknown: 'the memory modules did not report their speed; on Linux reading it needs root',
  ramFormula: (speed, ch, assumed) => `${speed} MT/s × 8 B × ${ch} channel${ch === 1 ? '' : 's'}${assumed ? ', channel count unknown: assumed' : ''}`,
  summaryGpu: (model, gpu) => `Largest model entirely on the GPU (${gpu}): ${model}.`,
  summaryAnywhere: (model) => `Largest model that runs at all (GPU, GPU + RAM or CPU): ${model}.`,
  summaryNothing: 'Not even a 1B model fits: the memory size could not be read.',
  capacityIntro: (context) => `Estimates at a ${context}-token context. Memory = weights + KV cache + runtime overhead; speed = token generation bounded by memory bandwidth.`,
  placementGpu: (name, usable) => `GPU: ${name}, ${usable} usable after headroom.`,
  placementRam: (usable) => `RAM: ${usable} usable after what the OS and apps keep.`,
  columns: ['Model', 'Quantization', 'Memory', 'Fits', 'Est. speed', 'CPU only'],
  fit: { gpu: '✅ GPU', split: (p) => `⚠️ GPU + RAM (${p}% on GPU)`, cpu: '✅ CPU', no: '❌ does not fit' },
  notes: [
    'Speeds are estimates from memory bandwidth (every generated token reads all weights once); real speeds vary with the runtime, the context length and the model.',
    'GPU + RAM: the layers that do not fit in VRAM run on the CPU, so the slower memory dominates.',
    'Memory sizes are in GB of 1024³ bytes (as Windows and LM Studio show them); bandwidth in GB/s of 10⁹ bytes.',
  ],
};

const ptBR: ProfileStrings = {
  headings: { title: 'Especificações de Hardware - Perfil da Máquina', summary: 'Resumo', details: 'Especificações Detalhadas', capacity: 'Capacidade' },
  coresLabel: 'Núcleos',
  max: 'máx.',
  generated: 'Gerado em',
  system: 'Sistema',
  model: 'Modelo',
  cores: (p, l) => `${p} físicos / ${l} lógicos`,
  clockMax: 'Frequência',
  l3: 'Cache L3',
  capacity: 'Capacidade',
  modules: (n) => `${n} ${n === 1 ? 'módulo' : 'módulos'}`,
  type: 'Tipo',
  speed: 'Velocidade',
  channels: 'Canais',
  bandwidth: 'Largura de banda',
  vram: 'VRAM',
  driver: 'Driver',
  computeCapability: 'Compute Capability',
  memoryBandwidth: 'Largura de banda da memória',
  unknown: 'desconhecido',
  noGpu: (reason) => `Nenhuma GPU NVIDIA disponível. ${reason} Os modelos rodam na CPU, na RAM do sistema.`,
  specSheet: (gpu) => `ficha técnica da ${gpu}`,
  gpuBandwidthUnknown: 'o driver não informou a largura do barramento e esta GPU não está na lista conhecida',
  ramSpeedUnknown: 'os módulos de memória não informaram a velocidade; no Linux, lê-la exige root',
  ramFormula: (speed, ch, assumed) => `${speed} MT/s × 8 B × ${ch} ${ch === 1 ? 'canal' : 'canais'}${assumed ? ', número de canais desconhecido: presumido' : ''}`,
  summaryGpu: (model, gpu) => `Maior modelo inteiro na GPU (${gpu}): ${model}.`,
  summaryAnywhere: (model) => `Maior modelo que roda (GPU, GPU + RAM ou CPU): ${model}.`,
  summaryNothing: 'Nem um modelo de 1B cabe: não foi possível ler o tamanho da memória.',
  capacityIntro: (context) => `Estimativas com contexto de ${context} tokens. Memória = pesos + cache KV + overhead do runtime; velocidade = geração de tokens limitada pela largura de banda da memória.`,
  placementGpu: (name, usable) => `GPU: ${name}, ${usable} utilizáveis descontada a reserva.`,
  placementRam: (usable) => `RAM: ${usable} utilizáveis descontado o que o sistema e os apps usam.`,
  columns: ['Modelo', 'Quantização', 'Memória', 'Cabe?', 'Velocidade est.', 'Só CPU'],
  fit: { gpu: '✅ GPU', split: (p) => `⚠️ GPU + RAM (${p}% na GPU)`, cpu: '✅ CPU', no: '❌ não cabe' },
  notes: [
    'As velocidades são estimativas pela largura de banda da memória (cada token gerado lê todos os pesos uma vez); a real varia com o runtime, o contexto e o modelo.',
    'GPU + RAM: as camadas que não cabem na VRAM rodam na CPU, e a memória mais lenta domina.',
    'Tamanhos de memória em GB de 1024³ bytes (como o Windows e o LM Studio mostram); largura de banda em GB/s de 10⁹ bytes.',
  ],
};

/** The strings of a locale (English for anything but pt-BR). */
export function profileStrings(locale: ProfileLocale): ProfileStrings {
  return locale === 'pt-BR' ? ptBR : en;
}
