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

  it('is null without a problem', () => {
    expect(wordMachineProblem({ problem: null, clockSkewMs: 0 }, en, 'en')).toBeNull();
  });
});
