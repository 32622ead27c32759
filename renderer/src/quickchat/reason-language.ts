/** The router's reason wording for the UI language (the router words reasons in English and Brazilian Portuguese). */
import type { ReasonLanguage } from '../../../shared/routing/reason-text';

/** "pt-BR" for any Portuguese UI language, else English. */
export function reasonLanguage(uiLanguage: string | undefined): ReasonLanguage {
  return uiLanguage?.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}
