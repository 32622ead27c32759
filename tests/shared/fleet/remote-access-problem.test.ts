/**
 * Remote access problems as data, worded in each catalog language (the core's English message and the
 * pt-BR window's text come from the same function), and the listen-address check the card uses.
 */
import { describe, expect, it } from 'vitest';
import { listenScope } from '../../../shared/fleet/listen-host';
import {
  readRemoteAccessProblem,
  wordRemoteAccessProblem,
  type RemoteAccessProblem,
} from '../../../shared/fleet/remote-access-problem';
import { translator } from '../../../shared/i18n/translate';

const ALL: RemoteAccessProblem[] = [
  { kind: 'port-in-use', host: '0.0.0.0', port: 7879 },
  { kind: 'address-not-here', host: '10.9.9.9' },
  { kind: 'no-keyring' },
  { kind: 'no-keychain' },
  { kind: 'start-failed', detail: 'EACCES' },
  { kind: 'serve-process' },
];

describe('wordRemoteAccessProblem', () => {
  it('says what happened and what to do in English, with the figures', () => {
    const en = translator('en');
    expect(wordRemoteAccessProblem(ALL[0]!, en)).toBe(
      'Remote access could not start: port 7879 on 0.0.0.0 is already in use. Pick another port in Settings, or stop what uses it.',
    );
    expect(wordRemoteAccessProblem(ALL[1]!, en)).toMatch(/10\.9\.9\.9 is not an address of this machine/);
    expect(wordRemoteAccessProblem(ALL[3]!, en)).toMatch(/no OS keychain/);
    expect(wordRemoteAccessProblem(ALL[2]!, en)).toMatch(/^Remote access is off: this Linux desktop has no keyring/);
    expect(wordRemoteAccessProblem(ALL[4]!, en)).toBe('Remote access could not start: EACCES');
  });

  it('words every kind in Brazilian Portuguese, never falling back to the English text', () => {
    const en = translator('en');
    const pt = translator('pt-BR');
    for (const problem of ALL) {
      const text = wordRemoteAccessProblem(problem, pt);
      expect(text).not.toBe(wordRemoteAccessProblem(problem, en));
      expect(text).not.toMatch(/remoteAccessProblem\./);
    }
    expect(wordRemoteAccessProblem(ALL[0]!, pt)).toMatch(/porta 7879 em 0\.0\.0\.0 já está em uso/);
  });

  it('reads a problem back from a contract value, and nothing from anything else', () => {
    expect(readRemoteAccessProblem({ kind: 'no-keyring' })).toEqual({ kind: 'no-keyring' });
    expect(readRemoteAccessProblem({ kind: 'port-in-use', host: 'x' })).toBeNull();
    expect(readRemoteAccessProblem(undefined)).toBeNull();
    for (const problem of ALL) expect(readRemoteAccessProblem(problem)).toEqual(problem);
  });
});

describe('listenScope', () => {
  it('tells every network, loopback and one address apart', () => {
    expect(listenScope('0.0.0.0')).toBe('every-network');
    expect(listenScope('::')).toBe('every-network');
    expect(listenScope(' 127.0.0.1 ')).toBe('loopback');
    expect(listenScope('::1')).toBe('loopback');
    expect(listenScope('localhost')).toBe('loopback');
    expect(listenScope('192.168.1.20')).toBe('one-address');
    expect(listenScope('fe80::1')).toBe('one-address');
  });

  it('refuses what is not an address to listen on', () => {
    for (const bad of ['', 'workstation', '300.1.1.1', '192.168.1', 'http://0.0.0.0', '0.0.0.0:7879'])
      expect(listenScope(bad)).toBeNull();
  });
});
