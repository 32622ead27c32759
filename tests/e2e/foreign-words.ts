/**
 * The language checker every language test shares (the windows in Chromium, the CLI's outputs): a
 * language's foreign words are those its catalog never uses and the other catalog does, outside the
 * names, units and loanwords both languages print as they are.
 */
import { en } from '../../shared/i18n/en';
import { ptBR } from '../../shared/i18n/pt-br';

export type Language = 'en' | 'pt-BR';

/** Every word of three letters or more in a catalog (placeholders left out). */
function words(tree: unknown, out = new Set<string>()): Set<string> {
  if (typeof tree === 'string')
    for (const w of tree
      .replace(/\{\{\w+\}\}/g, ' ')
      .toLowerCase()
      .match(/\p{L}{3,}/gu) ?? [])
      out.add(w);
  else if (tree && typeof tree === 'object') for (const v of Object.values(tree)) words(v, out);
  return out;
}

/** Names, units and loanwords that both languages print as they are. */
export const SHARED_WORDS = new Set([
  'loadout',
  'studio',
  'nvidia',
  'geforce',
  'ryzen',
  'intel',
  'amd',
  'instruct',
  'qwen',
  'coder',
  'llama',
  'gemma',
  'mistral',
  'deepseek',
  'phi',
  'gguf',
  'mlx',
  'rest',
  'api',
  'url',
  'http',
  'https',
  'json',
  'csv',
  'markdown',
  'token',
  'tokens',
  'tok',
  'kwh',
  'gib',
  'ram',
  'vram',
  'gpu',
  'cpu',
  'preset',
  'presets',
  'driver',
  'benchmark',
  'benchmarks',
  'openai',
  'lms',
  'cli',
  'ttl',
  'chat',
  'auto',
  'alt',
  'ctrl',
  'shift',
  'space',
  'enter',
  'cuda',
  'smi',
  'max',
  'min',
  'total',
  'log',
  'windows',
  'linux',
  'macos',
]);

const enWords = words(en);
const ptWords = words(ptBR);
const FOREIGN: Record<Language, Set<string>> = {
  'pt-BR': new Set([...enWords].filter((w) => !ptWords.has(w) && !SHARED_WORDS.has(w))),
  en: new Set([...ptWords].filter((w) => !enWords.has(w) && !SHARED_WORDS.has(w))),
};

/** The other language's words in `text`, each with the line it stands in. */
export function foreignWords(text: string, language: Language): string[] {
  return text
    .split('\n')
    .flatMap((line) =>
      (line.toLowerCase().match(/\p{L}{3,}/gu) ?? [])
        .filter((w) => FOREIGN[language].has(w))
        .map((w) => `${w} ← "${line.trim().slice(0, 120)}"`),
    );
}
