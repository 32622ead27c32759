/**
 * Every reason the router can give reads as its own words in both languages and carries its numbers: a note
 * or an exclusion that went blank, fell through its case or lost its figure would leave the CLI line, the
 * X-Loadout-Reason header or the quick chat's chip saying less than the decision knew.
 */
import { describe, expect, it } from 'vitest';
import {
  formatExclusion,
  formatNote,
  formatReason,
  TASK_NAME,
  taskPhrase,
  type Exclusion,
  type ReasonLanguage,
  type ReasonNote,
  type ReasonParts,
} from '../../../shared/routing/reason-text';
import { routeRequest } from '../../../shared/routing/route-request';
import type { RoutingState, TaskKind } from '../../../shared/routing/types';
import { catalog } from '../../support/catalog';

const LANGS: ReasonLanguage[] = ['en', 'pt-BR'];
const TASKS: TaskKind[] = ['code', 'vision', 'long-context', 'quick', 'chat'];

/** One note of each kind, with the figure each must show (as the language writes it). */
const NOTES: Array<[ReasonNote, Record<ReasonLanguage, string[]>]> = [
  [{ kind: 'coder' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'small' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'loaded' }, { en: [], 'pt-BR': [] }],
  [
    { kind: 'context-fits', tokens: 32768 },
    { en: ['32k'], 'pt-BR': ['32k'] },
  ],
  [{ kind: 'context-unknown' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'busy' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'idle' }, { en: [], 'pt-BR': [] }],
  [
    { kind: 'queue', waiting: 3 },
    { en: ['3'], 'pt-BR': ['3'] },
  ],
  [
    { kind: 'gpu-busy', percent: 87 },
    { en: ['87%'], 'pt-BR': ['87%'] },
  ],
  [{ kind: 'cloud' }, { en: [], 'pt-BR': [] }],
  [
    { kind: 'loads-now', bytes: 9.94e9, freeBytes: 20e9 },
    { en: ['9.9 GB', '20.0 GB'], 'pt-BR': ['9,9 GB', '20,0 GB'] },
  ],
  [{ kind: 'loads-on-demand' }, { en: [], 'pt-BR': [] }],
  [
    { kind: 'remote', label: 'workstation' },
    { en: ['workstation'], 'pt-BR': ['workstation'] },
  ],
  [
    { kind: 'measured', tokensPerSecond: 151.4 },
    { en: ['151 tok/s'], 'pt-BR': ['151 tok/s'] },
  ],
  [
    { kind: 'ratings', up: 3, down: 1, task: 'code' },
    { en: ['3+', '1−'], 'pt-BR': ['3+', '1−'] },
  ],
  [
    { kind: 'stars', mean: 4.5 },
    { en: ['4.5★'], 'pt-BR': ['4,5★'] },
  ],
];

const EXCLUSIONS: Array<[Exclusion, Record<ReasonLanguage, string[]>]> = [
  [{ kind: 'embedding' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'no-vision' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'no-tools' }, { en: [], 'pt-BR': [] }],
  [
    { kind: 'context', have: 4096, need: 6200 },
    { en: ['4096 < 6200'], 'pt-BR': ['4096 < 6200'] },
  ],
  [
    { kind: 'max-context', have: 8192, need: 40000 },
    { en: ['8192 < 40000'], 'pt-BR': ['8192 < 40000'] },
  ],
  [{ kind: 'jit-off' }, { en: [], 'pt-BR': [] }],
  [{ kind: 'memory-unknown' }, { en: [], 'pt-BR': [] }],
  [
    { kind: 'too-big', bytes: 18.96e9, freeBytes: 3.5e9 },
    { en: ['19.0 GB', '3.5 GB'], 'pt-BR': ['19,0 GB', '3,5 GB'] },
  ],
];

/** Each kind's text is there, differs from every other kind's, and is not the other language's. */
function expectOwnWords<T extends { kind: string }>(
  cases: Array<[T, Record<ReasonLanguage, string[]>]>,
  format: (item: T, lang: ReasonLanguage) => string,
) {
  for (const lang of LANGS) {
    const texts = cases.map(([item]) => format(item, lang));
    for (const [i, [item, figures]] of cases.entries()) {
      expect(texts[i], `${item.kind} in ${lang}`).toMatch(/\p{L}/u);
      // A kind that borrowed another's words would show figures it does not have.
      expect(texts[i], `${item.kind} in ${lang}`).not.toMatch(/NaN|undefined/);
      for (const figure of figures[lang]) expect(texts[i], `${item.kind} in ${lang}`).toContain(figure);
    }
    expect(new Set(texts).size, `distinct ${lang} texts`).toBe(cases.length);
  }
  for (const [item] of cases) expect(format(item, 'pt-BR'), item.kind).not.toBe(format(item, 'en'));
}

describe('every reason, in both languages', () => {
  it('words each scoring note, with its figure', () => {
    expectOwnWords(NOTES, formatNote);
  });

  it('words each exclusion, with what was there and what was needed', () => {
    expectOwnWords(EXCLUSIONS, formatExclusion);
  });

  it('shows a context under 1024 tokens as it is and from 1024 on in k', () => {
    const fits = (tokens: number) => formatNote({ kind: 'context-fits', tokens }, 'en');
    expect(fits(512)).toMatch(/^512 /);
    expect(fits(1024)).toMatch(/^1k /);
  });

  it('names every task in each language, each its own name', () => {
    for (const lang of LANGS) {
      const names = TASKS.map((t) => TASK_NAME[lang][t]);
      for (const name of names) expect(name).toMatch(/\p{L}/u);
      expect(new Set(names).size).toBe(TASKS.length);
    }
    for (const t of TASKS) expect(TASK_NAME['pt-BR'][t], t).not.toBe(TASK_NAME.en[t]);
  });

  it('leads with the task, a long prompt with its size in thousands of tokens', () => {
    for (const lang of LANGS) {
      const phrases = TASKS.map((t) => taskPhrase(t, 32_000, lang));
      for (const phrase of phrases) expect(phrase).toMatch(/\p{L}/u);
      expect(new Set(phrases).size).toBe(TASKS.length);
      expect(taskPhrase('long-context', 32_000, lang)).toContain('~32k tokens');
    }
    expect(taskPhrase('vision', 0, 'en')).not.toBe(taskPhrase('vision', 0, 'pt-BR'));
    expect(taskPhrase('quick', 0, 'en')).not.toBe(taskPhrase('quick', 0, 'pt-BR'));
  });

  it('ends a routed line at the model when there is nothing more to say', () => {
    const bare: ReasonParts = { kind: 'routed', task: 'chat', promptTokens: 10, model: 'org/qwen-7b', notes: [] };
    expect(formatReason(bare, 'en')).toBe(`${taskPhrase('chat', 10, 'en')} → qwen-7b`);
  });
});

const LOCAL: RoutingState = {
  endpoints: [
    {
      id: 'local',
      label: 'this PC',
      kind: 'local',
      reachable: true,
      models: catalog({ 'qwen2.5-7b-instruct': 8192 }),
    },
  ],
  vramFreeBytes: 4e9,
};

describe('an override that cannot serve', () => {
  it('is honoured and warns why, in both languages', () => {
    const d = routeRequest(
      { messages: [{ role: 'user', text: 'what is this?', images: 1 }], model: 'qwen2.5-7b-instruct' },
      LOCAL,
    );
    expect(d.choice?.modelKey).toBe('qwen2.5-7b-instruct');
    for (const lang of LANGS) {
      const text = formatReason(d.reasonParts, lang);
      expect(text).toContain(formatExclusion({ kind: 'no-vision' }, lang));
      expect(text).not.toBe(formatReason({ ...d.reasonParts, state: 'loaded', exclusion: null } as ReasonParts, lang));
    }
  });

  it('says a model not loaded, or outside the catalog, apart from a loaded one', () => {
    const parts = (state: 'loaded' | 'not-loaded' | 'not-in-catalog'): ReasonParts => ({
      kind: 'override',
      mention: null,
      model: 'qwen2.5-7b-instruct',
      state,
      exclusion: null,
    });
    for (const lang of LANGS) {
      const texts = (['loaded', 'not-loaded', 'not-in-catalog'] as const).map((st) => formatReason(parts(st), lang));
      expect(new Set(texts).size).toBe(3);
      // Each says the model's state in words after its name.
      for (const text of texts) expect(text).toMatch(/qwen2\.5-7b-instruct\W+\p{L}/u);
    }
    expect(formatReason(parts('not-loaded'), 'en')).not.toBe(formatReason(parts('not-loaded'), 'pt-BR'));
    expect(formatReason(parts('not-in-catalog'), 'en')).not.toBe(formatReason(parts('not-in-catalog'), 'pt-BR'));
  });
});

describe('the cloud when in doubt', () => {
  const doubt = (localModel: string | null): ReasonParts => ({
    kind: 'doubt-cloud',
    task: 'chat',
    promptTokens: 40,
    localModel,
    confidence: 0.42,
    cloudModel: 'anthropic/claude-sonnet-4',
    cloudLabel: 'Anthropic',
  });

  it('names the cloud model and where it runs, and the local doubt with its confidence', () => {
    expect(formatReason(doubt('qwen2.5-7b-instruct'), 'en')).toBe(
      `${taskPhrase('chat', 40, 'en')}, low confidence in qwen2.5-7b-instruct (0.42) → ☁ cloud claude-sonnet-4 on Anthropic`,
    );
  });

  it('says when no local model fits at all, in both languages', () => {
    for (const lang of LANGS) {
      const text = formatReason(doubt(null), lang);
      expect(text).not.toBe(formatReason(doubt('qwen2.5-7b-instruct'), lang));
      // The doubt is worded between the task and the arrow.
      expect(text.slice(taskPhrase('chat', 40, lang).length)).toMatch(/^, \p{L}[^→]* → /u);
      expect(text).toContain('claude-sonnet-4');
    }
    expect(formatReason(doubt(null), 'en')).not.toBe(formatReason(doubt(null), 'pt-BR'));
  });
});

describe('nothing to answer with', () => {
  const none = (why: 'unreachable' | 'no-models' | 'nothing-fits', extra: Partial<ReasonParts> = {}): ReasonParts =>
    ({ kind: 'none', why, task: 'chat', promptTokens: 12, exclusion: null, ...extra }) as ReasonParts;

  it('says what to do for each cause LM Studio gave, in both languages', () => {
    for (const lang of LANGS) {
      const down = formatReason(none('unreachable'), lang);
      const token = formatReason(none('unreachable', { cause: 'unauthorized' }), lang);
      const wrong = formatReason(none('unreachable', { cause: 'not-lmstudio' }), lang);
      expect(new Set([down, token, wrong]).size).toBe(3);
      // Each names the one thing the user sets to mend it.
      expect(token).toContain('LM_API_TOKEN');
      expect(wrong).toContain('LOADOUT_LMSTUDIO_URL');
      expect(down).not.toContain('LM_API_TOKEN');
    }
    // A cause only counts while LM Studio is out of reach.
    expect(formatReason(none('no-models', { cause: 'unauthorized' }), 'en')).toBe(
      formatReason(none('no-models'), 'en'),
    );
    expect(formatReason(none('nothing-fits', { cause: 'not-lmstudio' }), 'en')).toBe(
      formatReason(none('nothing-fits'), 'en'),
    );
  });

  it('tells no model downloaded apart from none fitting, and says why none fits', () => {
    for (const lang of LANGS) {
      const noModels = formatReason(none('no-models'), lang);
      const noneLoaded = formatReason(none('nothing-fits'), lang);
      const tooSmall = formatReason(
        none('nothing-fits', { exclusion: { kind: 'context', have: 4096, need: 6200 } }),
        lang,
      );
      expect(new Set([noModels, noneLoaded, tooSmall]).size).toBe(3);
      expect(noModels).toMatch(/\p{L}/u);
      // With no exclusion to name, the brackets still say why: none is loaded.
      expect(noneLoaded).toMatch(/\(\p{L}[^)]*\)/u);
      expect(tooSmall).toContain(formatExclusion({ kind: 'context', have: 4096, need: 6200 }, lang));
      expect(noneLoaded.startsWith(taskPhrase('chat', 12, lang))).toBe(true);
    }
    expect(formatReason(none('no-models'), 'en')).not.toBe(formatReason(none('no-models'), 'pt-BR'));
  });
});
