/** The tray's and notifications' words, in English and Brazilian Portuguese. */
import { resolveUiLanguage, type UiLanguage } from '../../../shared/i18n/languages';

const en = {
  presets: 'Presets',
  noPresets: 'No presets yet',
  loading: 'loading',
  loadedModels: 'Loaded models',
  noModels: 'No models loaded',
  lmStudioDown: 'LM Studio is not reachable',
  unload: 'Unload',
  unloadAll: 'Unload all',
  benchmark: 'Benchmark this model',
  benchDone: 'Benchmark of {model} done',
  benchDoneBody: '{speed} tok/s (median). Open the monitor to compare, rate and export it.',
  benchFailed: 'Benchmark of {model} failed',
  quickChat: 'Quick chat',
  monitor: 'Hardware monitor…',
  settings: 'Presets & settings…',
  startAtLogin: 'Start at login',
  quit: 'Quit Loadout',
  gpu: 'GPU',
  vram: 'VRAM',
  power: 'power',
  cpu: 'CPU',
  ram: 'RAM',
  today: 'today',
  noGpu: 'no GPU data',
  waiting: 'waiting for the first sample',
  switchDone: 'Preset "{name}" is ready',
  switchDoneBody: 'Loaded models: {models}.',
  switchFailed: 'Preset "{name}" did not apply',
  switchCancelled: 'Switch to "{name}" cancelled',
  switchBusy: 'Preset "{name}" not applied: a model is still answering',
  switchBusyBody: 'Still generating: {models}. Nothing was changed. Click to open Presets & settings and choose "Unload anyway" or Cancel there.',
  unloadBusy: 'Not unloaded: a model is still answering',
  unloadBusyBody: 'Still generating: {models}. Nothing was unloaded. Click to open the monitor and choose "Unload anyway".',
  idleTitle: 'Your GPU is burning power while idle',
  idleUnload: 'Unload all models',
  hotkeyRefusedTitle: 'Quick chat hotkey not available',
  hotkeyRefused: 'The system refused {hotkey} (another app may use it). Pick another hotkey in Presets & settings; the tray menu still opens the quick chat.',
  settingsProblemTitle: 'config.json has a problem; the last good settings stay in use',
  settingsProblemBody: '{detail}. Fix {file} (or use Presets & settings); Loadout reads it again when it changes.',
  endpointFailedTitle: 'OpenAI-compatible endpoint not started',
  endpointFailed: 'Port {port} could not be opened ({reason}). Another program may be using it: pick another port in Presets & settings.',
} as const;

export type ShellStrings = { [K in keyof typeof en]: string };

const ptBR: ShellStrings = {
  presets: 'Presets',
  noPresets: 'Nenhum preset ainda',
  loading: 'carregando',
  loadedModels: 'Modelos carregados',
  noModels: 'Nenhum modelo carregado',
  lmStudioDown: 'LM Studio não está acessível',
  unload: 'Descarregar',
  unloadAll: 'Descarregar todos',
  benchmark: 'Medir o desempenho deste modelo',
  benchDone: 'Benchmark de {model} concluído',
  benchDoneBody: '{speed} tok/s (mediana). Abra o monitor para comparar, avaliar e exportar.',
  benchFailed: 'Benchmark de {model} falhou',
  quickChat: 'Chat rápido',
  monitor: 'Monitor de hardware…',
  settings: 'Presets e configurações…',
  startAtLogin: 'Iniciar com o sistema',
  quit: 'Sair do Loadout',
  gpu: 'GPU',
  vram: 'VRAM',
  power: 'energia',
  cpu: 'CPU',
  ram: 'RAM',
  today: 'hoje',
  noGpu: 'sem dados da GPU',
  waiting: 'aguardando a primeira leitura',
  switchDone: 'Preset "{name}" pronto',
  switchDoneBody: 'Modelos carregados: {models}.',
  switchFailed: 'Preset "{name}" não foi aplicado',
  switchCancelled: 'Troca para "{name}" cancelada',
  switchBusy: 'Preset "{name}" não aplicado: um modelo ainda está respondendo',
  switchBusyBody: 'Ainda gerando: {models}. Nada foi alterado. Clique para abrir Presets e configurações e escolher lá "Descarregar assim mesmo" ou Cancelar.',
  unloadBusy: 'Nada descarregado: um modelo ainda está respondendo',
  unloadBusyBody: 'Ainda gerando: {models}. Nada foi descarregado. Clique para abrir o monitor e escolher "Descarregar assim mesmo".',
  idleTitle: 'Sua GPU está gastando energia parada',
  idleUnload: 'Descarregar todos os modelos',
  hotkeyRefusedTitle: 'Atalho do chat rápido indisponível',
  hotkeyRefused: 'O sistema recusou {hotkey} (outro app pode estar usando). Escolha outro atalho em Presets e configurações; o menu da bandeja continua abrindo o chat rápido.',
  settingsProblemTitle: 'O config.json tem um problema; as últimas configurações válidas continuam em uso',
  settingsProblemBody: '{detail}. Corrija {file} (ou use Presets e configurações); o Loadout o lê de novo quando ele mudar.',
  endpointFailedTitle: 'Endpoint compatível com OpenAI não iniciado',
  endpointFailed: 'Não foi possível abrir a porta {port} ({reason}). Outro programa pode estar usando: escolha outra porta em Presets e configurações.',
};

const catalogs: Record<UiLanguage, ShellStrings> = { en, 'pt-BR': ptBR };

/** The strings for the UI language setting ("auto", or anything unknown, resolves with the OS locale, as the windows do). */
export function shellStrings(language: string, osLocale: string): ShellStrings {
  return catalogs[resolveUiLanguage(language as UiLanguage | 'auto', [osLocale])];
}

/** Fill `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => values[key] ?? match);
}
