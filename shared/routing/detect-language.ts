/** Tells Brazilian Portuguese from English by common words and accents: cheap and good enough for routing. */
import type { PromptLanguage } from './types';

const PT_WORDS = new Set([
  'que',
  'não',
  'nao',
  'uma',
  'um',
  'para',
  'com',
  'como',
  'por',
  'isso',
  'está',
  'esta',
  'você',
  'voce',
  'qual',
  'quais',
  'são',
  'sao',
  'mais',
  'meu',
  'minha',
  'também',
  'porque',
  'quando',
  'onde',
  'muito',
  'fazer',
  'tem',
  'pode',
  'seu',
  'sua',
  'dos',
  'das',
  'nos',
  'nas',
  'ao',
  'pra',
  'é',
  'o',
  'os',
  'de',
  'da',
  'em',
  'na',
  'e',
  'eu',
  'sobre',
  'explique',
  'escreva',
]);
const EN_WORDS = new Set([
  'the',
  'is',
  'are',
  'and',
  'of',
  'to',
  'in',
  'what',
  'how',
  'why',
  'you',
  'my',
  'this',
  'that',
  'with',
  'for',
  'it',
  'can',
  'does',
  'an',
  'be',
  'on',
  'from',
  'which',
  'should',
  'would',
  'please',
  'me',
  'i',
]);

/** pt-BR, en or unknown, from the words of `text` (the first 4000 characters are enough). */
export function detectLanguage(text: string): PromptLanguage {
  const words =
    text
      .slice(0, 4000)
      .toLowerCase()
      .match(/[a-zà-ú]+/g) ?? [];
  let pt = 0;
  let en = 0;
  for (const w of words) {
    if (PT_WORDS.has(w)) pt++;
    if (EN_WORDS.has(w)) en++;
    if (/[ãõçáéíóúâêô]/.test(w)) pt += 0.5;
  }
  if (pt === 0 && en === 0) return 'unknown';
  if (pt > en * 1.2) return 'pt-BR';
  if (en > pt * 1.2) return 'en';
  return 'unknown';
}
