/** The words of the benchmark export in the user's two languages (the template's labels stay as written). */

export type BenchExportLocale = 'pt-BR' | 'en';
export const BENCH_EXPORT_LOCALES: readonly BenchExportLocale[] = ['pt-BR', 'en'];

export interface BenchExportStrings {
  unknownQuantization: string;
  notRated: string;
  notAnswered: string;
  none: string;
  undetermined: string;
  split: (gpuPercent: number | null) => string;
  documentEstimate: string;
  verdict: Record<'inside' | 'below' | 'above' | 'unmeasured', string>;
  noDocumentRow: string;
  measuredBy: (loadout: string, day: string, runs: number, spread: string) => string;
  promptReading: string;
  peakVram: string;
  peakRam: string;
  energy: (per1k: string, perRun: string) => string;
  loadoutEstimate: string;
  loadedContext: string;
  longContextLatency: string;
}

export const BENCH_EXPORT_STRINGS: Record<BenchExportLocale, BenchExportStrings> = {
  'pt-BR': {
    unknownQuantization: 'quantização desconhecida',
    notRated: 'não avaliado',
    notAnswered: '(não avaliado)',
    none: 'Nenhum',
    undetermined: 'não determinado',
    split: (p) => (p === null ? 'GPU + CPU (divisão)' : `GPU + CPU (${p} % na GPU)`),
    documentEstimate: 'estimativa do documento',
    verdict: { inside: '✅ dentro', below: '⬇️ abaixo', above: '⬆️ acima', unmeasured: 'não medido' },
    noDocumentRow: 'sem estimativa no documento',
    measuredBy: (v, day, runs, spread) => `Medido pelo Loadout ${v} em ${day} (${runs} ${runs === 1 ? 'execução' : 'execuções'}, variação ${spread})`,
    promptReading: 'leitura do prompt',
    peakVram: 'pico de VRAM',
    peakRam: 'pico de RAM',
    energy: (per1k, perRun) => `energia ${per1k} Wh/1k tokens (${perRun} Wh por execução)`,
    loadoutEstimate: 'estimativa do Loadout',
    loadedContext: 'contexto carregado',
    longContextLatency: 'primeiro token com contexto longo',
  },
  en: {
    unknownQuantization: 'unknown quantization',
    notRated: 'not rated',
    notAnswered: '(not answered)',
    none: 'None',
    undetermined: 'undetermined',
    split: (p) => (p === null ? 'GPU + CPU (split)' : `GPU + CPU (${p} % on the GPU)`),
    documentEstimate: 'document estimate',
    verdict: { inside: '✅ inside', below: '⬇️ below', above: '⬆️ above', unmeasured: 'not measured' },
    noDocumentRow: 'no estimate in the document',
    measuredBy: (v, day, runs, spread) => `Measured by Loadout ${v} on ${day} (${runs} ${runs === 1 ? 'run' : 'runs'}, spread ${spread})`,
    promptReading: 'prompt processing',
    peakVram: 'peak VRAM',
    peakRam: 'peak RAM',
    energy: (per1k, perRun) => `energy ${per1k} Wh/1k tokens (${perRun} Wh per run)`,
    loadoutEstimate: 'Loadout estimate',
    loadedContext: 'loaded context',
    longContextLatency: 'first token with long context',
  },
};
