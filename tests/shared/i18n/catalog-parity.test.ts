/** Every UI string exists in both languages with the same placeholders, and no pt-BR string is left in English. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/i18n/en';
import { ptBR } from '../../../shared/i18n/pt-br';

type Tree = { [key: string]: unknown };

/** "namespace.key" → value, for every leaf (functions and arrays included). */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of leaves(value as Tree, name)) out.set(k, v);
    else out.set(name, value);
  }
  return out;
}

const placeholders = (s: unknown) =>
  typeof s === 'string' ? [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort() : [];

/** Strings that are the same word in both languages: names, units, loanwords pt-BR uses as they are. */
const SAME_IN_BOTH =
  /^(Loadout|LM Studio|GPU|VRAM|RAM|CPU|PID|kWh|W|OK|Preset|Presets|preset|Benchmarks?|Tokens?|Driver|driver \{\{version\}\}|CPU total|Compute Capability|✅ (GPU|CPU)|GPU \+ RAM|total|CO2e: \{\{value\}\}|\{\{[a-z]+\}\}.*|[-–—…·•\d\s%()/.,:{}]*|.*\b(ms|tok\/s|Wh|h|min|GB|GiB|s)\b.*)$/;

const pairs: Array<[string, Tree, Tree]> = [['shared/i18n', en as unknown as Tree, ptBR as unknown as Tree]];

describe.each(pairs)('the %s catalogs', (_name, english, portuguese) => {
  const a = leaves(english);
  const b = leaves(portuguese);

  it('have the same keys in both languages', () => {
    expect(
      [...a.keys()].filter((k) => !b.has(k)),
      'missing in pt-BR',
    ).toEqual([]);
    expect(
      [...b.keys()].filter((k) => !a.has(k)),
      'missing in English',
    ).toEqual([]);
  });

  it('fill the same placeholders in both languages', () => {
    const differ = [...a.keys()].filter((k) => placeholders(a.get(k)).join() !== placeholders(b.get(k)).join());
    expect(differ).toEqual([]);
  });

  it('translate every string that is not a name or a unit', () => {
    const untranslated = [...a.keys()].filter(
      (k) => typeof a.get(k) === 'string' && a.get(k) === b.get(k) && !SAME_IN_BOTH.test(a.get(k) as string),
    );
    expect(untranslated).toEqual([]);
  });
});
