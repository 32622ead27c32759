/** A failed `fleet.*` call, worded in English and pt-BR: what did not happen, then the coded reason or the error's words. */
import { describe, expect, it } from 'vitest';
import { type FleetCallFailure, wordFleetCallFailure } from '../../../shared/fleet/fleet-call-failure';
import { translator } from '../../../shared/i18n/translate';

const en = translator('en');
const pt = translator('pt-BR');
const error = { message: 'connect ECONNREFUSED 10.0.0.2:7878' };
const calls: FleetCallFailure['call'][] = ['inspect', 'add', 'update', 'remove', 'remote-list', 'remote-apply'];

describe('wordFleetCallFailure', () => {
  it('words each call apart in both languages, keeping the error as the detail', () => {
    for (const [t, label] of [
      [en, 'Detail'],
      [pt, 'Detalhe'],
    ] as const) {
      const words = calls.map((call) => wordFleetCallFailure({ call, machine: 'nas', error }, t));
      expect(new Set(words).size).toBe(calls.length);
      for (const w of words) {
        expect(w.endsWith(` ${label}: ${error.message}`)).toBe(true);
        expect(w).not.toContain('fleetCallFailure.');
      }
    }
  });

  it('words a coded machine problem in the language instead of the English message', () => {
    const refused = { message: 'The agent refused the token.', problem: { kind: 'refused' } };
    expect(wordFleetCallFailure({ call: 'add', error: refused }, pt)).toBe(
      'A máquina não foi adicionada; nada foi salvo. Corrija o endereço, o token ou o nome e tente de novo. ' +
        pt('fleetMonitor.problem_refused'),
    );
    expect(wordFleetCallFailure({ call: 'add', error: refused }, pt)).not.toContain('refused the token');
    expect(wordFleetCallFailure({ call: 'remote-apply', machine: 'nas', error: refused }, en)).toBe(
      'The preset was not applied on nas. Look at its models and try again. ' +
        'It refused the token: add the machine again with its current token.',
    );
  });

  it('keeps the message when the coded kind is not a machine problem it knows', () => {
    const odd = { message: 'something else', problem: { kind: 'bind-in-use' } };
    expect(wordFleetCallFailure({ call: 'remove', error: odd }, en)).toBe(
      'The machine was not removed. Try again; if it keeps failing, restart Loadout. Detail: something else',
    );
  });

  it('words every machine problem the core codes from its own catalog entry, never the English message', () => {
    for (const kind of ['offline', 'refused', 'fingerprint', 'version', 'no-token', 'no-pin']) {
      const coded = { message: 'English words from the core', problem: { kind } };
      for (const t of [en, pt])
        expect(wordFleetCallFailure({ call: 'update', error: coded }, t)).toContain(t(`fleetMonitor.problem_${kind}`));
      expect(wordFleetCallFailure({ call: 'update', error: coded }, pt)).not.toContain('English words');
    }
  });
});
