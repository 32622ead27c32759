/**
 * Keyword hits in a prompt, in one pass over its lower-cased words: single words and two- or
 * three-word phrases looked up in sets (pt-BR and English). Much cheaper than one regex per list
 * on long prompts, which keeps routing well under a millisecond.
 */

export type KeywordKind = 'strongCode' | 'weakCode' | 'detail' | 'quick';

const LEXICON: Record<KeywordKind, string[]> = {
  // A programming artefact by name.
  strongCode: ['typescript', 'javascript', 'python', 'rust', 'golang', 'java', 'kotlin', 'c++', 'c#', 'sql', 'regex', 'regular expression',
    'expressão regular', 'expressao regular', 'dockerfile', 'docker', 'kubernetes', 'stacktrace', 'stack trace', 'compile error', 'compiler',
    'refactor', 'refatore', 'refatorar', 'refatoração', 'refatoracao', 'unit test', 'unit tests', 'teste unitário', 'testes unitários',
    'binary search', 'linked list', 'hashmap', 'hash map', 'segfault', 'null pointer', 'async await', 'npm', 'pip install', 'git rebase',
    'git merge', 'git commit', 'git push', 'react', 'vue', 'angular', 'svelte', 'nextjs', 'django', 'flask', 'fastapi', 'spring boot',
    'nodejs', 'node js', 'deno', 'pandas', 'numpy', 'pytorch', 'tensorflow', 'nginx', 'powershell', 'bash script', 'css', 'html', 'jsx',
    'tsx', 'webpack', 'vite', 'postgres', 'postgresql', 'mysql', 'sqlite', 'mongodb', 'redis', 'graphql', 'rest api', 'oauth', 'jwt'],
  // Common in code questions, but also elsewhere.
  weakCode: ['code', 'coding', 'function', 'method', 'bug', 'debug', 'compile', 'query', 'script', 'algorithm', 'variable', 'array', 'json',
    'yaml', 'lint', 'implement', 'api', 'endpoint', 'exception', 'código', 'codigo', 'função', 'funcao', 'funções', 'funcoes', 'método',
    'metodo', 'depurar', 'compilar', 'consulta', 'classe', 'variável', 'variavel', 'algoritmo', 'implemente', 'implementar', 'programação'],
  // Asks for more than a short fact: detail, or something to be written, planned or explained (even in few words).
  detail: ['write', 'escreva', 'crie', 'create', 'generate', 'gere', 'draft', 'redija', 'plan', 'planeje', 'explain', 'explique',
    'summarize', 'resuma', 'list', 'liste', 'explain in detail', 'step by step', 'in depth', 'detailed', 'essay', 'write an article', 'compare', 'analyze', 'analyse',
    'explique detalhadamente', 'passo a passo', 'em detalhes', 'detalhado', 'detalhada', 'redação', 'artigo', 'analise', 'análise'],
  quick: ['quick', 'briefly', 'in one word', 'in one sentence', 'in one line', 'tl dr', 'short answer', 'rápido', 'rapidamente',
    'resumidamente', 'em uma palavra', 'em uma frase', 'em uma linha', 'curto'],
};

const BY_PHRASE = new Map<string, KeywordKind>();
for (const [kind, phrases] of Object.entries(LEXICON) as Array<[KeywordKind, string[]]>) for (const p of phrases) BY_PHRASE.set(p, kind);

const WORD = /[a-zà-öø-ÿ0-9+#]+/g;

/** The distinct keywords of each kind found in `text`. */
export function findKeywords(text: string): Record<KeywordKind, Set<string>> {
  const hits: Record<KeywordKind, Set<string>> = { strongCode: new Set(), weakCode: new Set(), detail: new Set(), quick: new Set() };
  const words = text.toLowerCase().match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    const one = words[i]!;
    const two = i + 1 < words.length ? `${one} ${words[i + 1]}` : null;
    const three = two !== null && i + 2 < words.length ? `${two} ${words[i + 2]}` : null;
    for (const phrase of [one, two, three]) {
      if (phrase === null) continue;
      const kind = BY_PHRASE.get(phrase);
      if (kind) hits[kind].add(phrase);
    }
  }
  return hits;
}
