/** One wording for another machine's problem (settings table, monitor cards, tray submenu), in en and pt-BR. */
import { describe, expect, it } from 'vitest';
import { wordMachineProblem } from '../../../shared/fleet/machine-problem';
import { translator } from '../../../shared/i18n/translate';

const en = translator('en');
const pt = translator('pt-BR');
const refused = { kind: 'refused' as const, message: '"laptop" refused the token (HTTP 401).' };

describe('wordMachineProblem', () => {
  it('words each kind from the catalog, not the core message', () => {
    expect(wordMachineProblem({ problem: refused, clockSkewMs: null }, en, 'en')).toBe(
      'It refused the token: add the machine again with its current token.',
    );
    expect(wordMachineProblem({ problem: refused, clockSkewMs: null }, pt, 'pt-BR')).toBe(
      'Ela recusou o token: adicione a máquina de novo com o token atual.',
    );
    expect(
      wordMachineProblem({ problem: { kind: 'fingerprint', message: 'x' }, clockSkewMs: null }, pt, 'pt-BR'),
    ).toMatch(/^O certificado dela mudou/);
    expect(wordMachineProblem({ problem: { kind: 'version', message: 'x' }, clockSkewMs: null }, en, 'en')).toMatch(
      /another version of the app contract/,
    );
  });

  it('says how far off the clock is, in the language', () => {
    const clock = { kind: 'clock' as const, message: 'x' };
    expect(wordMachineProblem({ problem: clock, clockSkewMs: 5 * 60_000 }, en, 'en')).toMatch(
      /^Its clock is 5 min ahead of this one/,
    );
    expect(wordMachineProblem({ problem: clock, clockSkewMs: -40_000 }, pt, 'pt-BR')).toMatch(/40 s/);
    expect(wordMachineProblem({ problem: clock, clockSkewMs: null }, en, 'en')).toMatch(/^Its clock is off/);
  });

  it('rounds the skew to whole minutes from one minute on, and says which way it is off', () => {
    const clock = { kind: 'clock' as const, message: 'x' };
    const word = (ms: number) => wordMachineProblem({ problem: clock, clockSkewMs: ms }, en, 'en');
    expect(word(100_000)).toMatch(/^Its clock is 2 min ahead/);
    expect(word(60_000)).toMatch(/^Its clock is 1 min ahead/);
    expect(word(59_400)).toMatch(/^Its clock is 59 s ahead/);
    expect(word(0)).toMatch(/^Its clock is 0 s ahead/);
    expect(word(-40_000)).toMatch(/^Its clock is 40 s behind this one/);
  });

  it("words another kind by its kind even when the clock's skew is known", () => {
    expect(wordMachineProblem({ problem: refused, clockSkewMs: 5 * 60_000 }, en, 'en')).toBe(
      'It refused the token: add the machine again with its current token.',
    );
  });

  it('is null without a problem', () => {
    expect(wordMachineProblem({ problem: null, clockSkewMs: 0 }, en, 'en')).toBeNull();
  });
});
