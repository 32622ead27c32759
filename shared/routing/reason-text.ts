/**
 * The router's reasons as data, and their text in English (CLI, headers) and Brazilian Portuguese
 * (the quick chat's model chip). One formatter per language keeps the two saying the same thing.
 */
import type { TaskKind, UnreachableCause } from './types';

export type ReasonLanguage = 'en' | 'pt-BR';

/** Why a candidate scored as it did, one fact each. */
export type ReasonNote =
  | { kind: 'coder' }
  | { kind: 'small' }
  | { kind: 'loaded' }
  | { kind: 'context-fits'; tokens: number }
  | { kind: 'context-unknown' }
  | { kind: 'busy' }
  | { kind: 'idle' }
  | { kind: 'queue'; waiting: number }
  | { kind: 'gpu-busy'; percent: number }
  | { kind: 'cloud' }
  | { kind: 'loads-now'; bytes: number; freeBytes: number }
  | { kind: 'loads-on-demand' }
  | { kind: 'remote'; label: string }
  | { kind: 'measured'; tokensPerSecond: number }
  | { kind: 'ratings'; up: number; down: number; task: TaskKind }
  | { kind: 'stars'; mean: number };

/** Why a candidate was left out. */
export type Exclusion =
  | { kind: 'embedding' }
  | { kind: 'no-vision' }
  | { kind: 'no-tools' }
  | { kind: 'context'; have: number; need: number }
  | { kind: 'max-context'; have: number; need: number }
  | { kind: 'jit-off' }
  | { kind: 'memory-unknown' }
  | { kind: 'too-big'; bytes: number; freeBytes: number };

/** The decision's reason as data. */
export type ReasonParts =
  | {
      kind: 'routed';
      task: TaskKind;
      promptTokens: number;
      model: string;
      /** The other machine that answers ("→ model on workstation"); null or absent = this machine. */
      machine?: string | null;
      notes: ReasonNote[];
    }
  | {
      kind: 'override';
      mention: string | null;
      model: string;
      state: 'loaded' | 'not-loaded' | 'not-in-catalog' | 'excluded';
      exclusion: Exclusion | null;
    }
  | {
      kind: 'doubt-cloud';
      task: TaskKind;
      promptTokens: number;
      localModel: string | null;
      confidence: number;
      cloudModel: string;
      cloudLabel: string;
    }
  | {
      kind: 'none';
      why: 'unreachable' | 'no-models' | 'nothing-fits';
      task: TaskKind;
      promptTokens: number;
      exclusion: Exclusion | null;
      cause?: UnreachableCause;
    };

/** Bytes as GB with one decimal ("9.9"), without toFixed's cost (this runs for every loadable model). */
function gb(bytes: number, lang: ReasonLanguage): string {
  const tenths = Math.round(bytes / 1e8);
  return `${Math.trunc(tenths / 10)}${lang === 'pt-BR' ? ',' : '.'}${tenths % 10}`;
}

const k = (n: number) => (n >= 1024 ? `${Math.round(n / 1024)}k` : String(n));
const decimal = (n: number, lang: ReasonLanguage, digits = 1) =>
  lang === 'pt-BR' ? n.toFixed(digits).replace('.', ',') : n.toFixed(digits);
const shortKey = (key: string) => key.split('/').pop() ?? key;

/** A task kind's name in each language (the route table and the ratings note). */
export const TASK_NAME: Record<ReasonLanguage, Record<TaskKind, string>> = {
  en: { code: 'code', vision: 'vision', 'long-context': 'long context', quick: 'quick', chat: 'chat' },
  'pt-BR': { code: 'código', vision: 'imagem', 'long-context': 'contexto longo', quick: 'rápidas', chat: 'conversa' },
};

/** The lead phrase for a task: "code detected", "short question"… */
export function taskPhrase(task: TaskKind, promptTokens: number, lang: ReasonLanguage): string {
  const pt = lang === 'pt-BR';
  switch (task) {
    case 'code':
      return pt ? 'código detectado' : 'code detected';
    case 'vision':
      return pt ? 'imagem anexada' : 'image attached';
    case 'long-context':
      return pt
        ? `prompt longo (~${Math.round(promptTokens / 1000)}k tokens)`
        : `long prompt (~${Math.round(promptTokens / 1000)}k tokens)`;
    case 'quick':
      return pt ? 'pergunta curta' : 'short question';
    case 'chat':
      return pt ? 'conversa geral' : 'general chat';
  }
}

/** One note as text. */
export function formatNote(n: ReasonNote, lang: ReasonLanguage): string {
  const pt = lang === 'pt-BR';
  switch (n.kind) {
    case 'coder':
      return pt ? 'modelo de código' : 'coder model';
    case 'small':
      return pt ? 'pequeno e rápido' : 'small and fast';
    case 'loaded':
      return pt ? 'carregado' : 'loaded';
    case 'context-fits':
      return pt ? `contexto de ${k(n.tokens)} cabe` : `${k(n.tokens)} context fits`;
    case 'context-unknown':
      return pt ? 'contexto desconhecido' : 'context unknown';
    case 'busy':
      return pt ? 'ocupado' : 'busy';
    case 'idle':
      return pt ? 'ocioso' : 'idle';
    case 'queue':
      return pt ? `${n.waiting} na fila` : `${n.waiting} waiting`;
    case 'gpu-busy':
      return pt ? `GPU ${n.percent}% ocupada` : `GPU ${n.percent}% busy`;
    case 'cloud':
      return pt ? 'nuvem' : 'cloud';
    case 'loads-now':
      return pt
        ? `carrega agora (~${gb(n.bytes, lang)} GB de ${gb(n.freeBytes, lang)} GB livres)`
        : `loads now (~${gb(n.bytes, lang)} GB of ${gb(n.freeBytes, lang)} GB free)`;
    case 'loads-on-demand':
      return pt ? 'carrega sob demanda' : 'loads on demand';
    case 'remote':
      return pt ? `em ${n.label}` : `on ${n.label}`;
    case 'measured':
      return pt ? `${Math.round(n.tokensPerSecond)} tok/s medidos` : `${Math.round(n.tokensPerSecond)} tok/s measured`;
    // Words, not 👍/👎: the reason also lands in HTTP headers and on systems without an emoji font.
    case 'ratings':
      return pt
        ? `avaliado ${n.up}+ ${n.down}− em ${TASK_NAME[lang][n.task]}`
        : `rated ${n.up}+ ${n.down}− for ${n.task}`;
    case 'stars':
      return pt ? `${decimal(n.mean, lang)}★ no benchmark` : `${decimal(n.mean, lang)}★ benchmark`;
  }
}

/** Why a candidate was left out, as text. */
export function formatExclusion(e: Exclusion, lang: ReasonLanguage): string {
  const pt = lang === 'pt-BR';
  switch (e.kind) {
    case 'embedding':
      return pt ? 'modelo de embedding' : 'embedding model';
    case 'no-vision':
      return pt ? 'não vê imagens' : 'no vision';
    case 'no-tools':
      return pt ? 'não treinado para ferramentas' : 'not trained for tool use';
    case 'context':
      return pt ? `contexto ${e.have} < ${e.need} necessários` : `context ${e.have} < ${e.need} needed`;
    case 'max-context':
      return pt ? `contexto máximo ${e.have} < ${e.need} necessários` : `max context ${e.have} < ${e.need} needed`;
    case 'jit-off':
      return pt ? 'não carregado (carregamento JIT desligado)' : 'not loaded (JIT loading off)';
    case 'memory-unknown':
      return pt ? 'não carregado, memória necessária desconhecida' : 'not loaded, memory need unknown';
    case 'too-big':
      return pt
        ? `precisa de ~${gb(e.bytes, lang)} GB, ${gb(e.freeBytes, lang)} GB de VRAM livres`
        : `needs ~${gb(e.bytes, lang)} GB, ${gb(e.freeBytes, lang)} GB VRAM free`;
  }
}

/** The decision's one-line reason. */
export function formatReason(r: ReasonParts, lang: ReasonLanguage): string {
  const pt = lang === 'pt-BR';
  switch (r.kind) {
    case 'routed': {
      // The machine goes right after the model ("→ qwen2.5-coder-14b on workstation, loaded, idle").
      const notes = (r.machine ? r.notes.filter((n) => n.kind !== 'remote') : r.notes)
        .slice(0, 4)
        .map((n) => formatNote(n, lang))
        .join(', ');
      const on = r.machine ? ` ${formatNote({ kind: 'remote', label: r.machine }, lang)}` : '';
      return `${taskPhrase(r.task, r.promptTokens, lang)} → ${shortKey(r.model)}${on}${notes ? `, ${notes}` : ''}`;
    }
    case 'override': {
      const how = r.mention
        ? pt
          ? `@${r.mention} no prompt`
          : `@${r.mention} in the prompt`
        : pt
          ? 'escolhido por você'
          : 'chosen by you';
      const tail =
        r.state === 'not-in-catalog'
          ? pt
            ? ' (fora do catálogo: enviado como nomeado)'
            : ' (not in the catalog: passed through as named)'
          : r.state === 'excluded' && r.exclusion
            ? pt
              ? ` (atenção: ${formatExclusion(r.exclusion, lang)})`
              : ` (warning: ${formatExclusion(r.exclusion, lang)})`
            : r.state === 'loaded'
              ? pt
                ? ', carregado'
                : ', loaded'
              : pt
                ? ', não carregado'
                : ', not loaded';
      return `${how} → ${shortKey(r.model)}${tail}`;
    }
    case 'doubt-cloud': {
      const why = r.localModel
        ? pt
          ? `baixa confiança em ${shortKey(r.localModel)} (${decimal(r.confidence, lang, 2)})`
          : `low confidence in ${shortKey(r.localModel)} (${r.confidence})`
        : pt
          ? 'nenhum modelo local serve'
          : 'no local model fits';
      return `${taskPhrase(r.task, r.promptTokens, lang)}, ${why} → ☁ ${pt ? 'nuvem' : 'cloud'} ${shortKey(r.cloudModel)} ${pt ? 'em' : 'on'} ${r.cloudLabel}`;
    }
    case 'none':
      if (r.why === 'unreachable' && r.cause === 'unauthorized') {
        return pt
          ? 'O LM Studio exige um token de API: crie um no LM Studio (Developer → Server Settings → Manage Tokens), defina LM_API_TOKEN ou salve-o nas configurações do Loadout e pergunte de novo'
          : "LM Studio requires an API token: create one in LM Studio (Developer → Server Settings → Manage Tokens), set LM_API_TOKEN or save it in Loadout's settings, then ask again";
      }
      if (r.why === 'unreachable' && r.cause === 'not-lmstudio') {
        return pt
          ? 'O servidor no endereço do LM Studio não é o LM Studio (respondeu outra coisa, como uma página web): confira o endereço nas configurações (ou LOADOUT_LMSTUDIO_URL) e pergunte de novo'
          : "The server at LM Studio's address is not LM Studio (it answered something else, such as a web page): check the address in settings (or LOADOUT_LMSTUDIO_URL), then ask again";
      }
      if (r.why === 'unreachable')
        return pt
          ? 'O LM Studio não está acessível: abra-o (ou confira o endereço nas configurações) e pergunte de novo'
          : 'LM Studio is not reachable: start it (or check the URL in settings), then ask again';
      if (r.why === 'no-models')
        return pt
          ? 'nenhum modelo baixado: baixe um no LM Studio'
          : 'no model is downloaded: download one in LM Studio';
      return pt
        ? `${taskPhrase(r.task, r.promptTokens, lang)}: nenhum modelo serve (${r.exclusion ? formatExclusion(r.exclusion, lang) : 'nenhum carregado'}); carregue um que sirva ou permita o carregamento JIT`
        : `${taskPhrase(r.task, r.promptTokens, lang)}: no model fits (${r.exclusion ? formatExclusion(r.exclusion, lang) : 'none loaded'}); load one that can, or allow JIT loading`;
  }
}
