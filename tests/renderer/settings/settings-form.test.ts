import { describe, expect, it } from 'vitest';
import { draftToPatch } from '../../../renderer/src/settings/settings-form';
import { SettingsPatchSchema } from '../../../shared/contract/settings';

const draft = {
  baseUrl: 'http://127.0.0.1:1234/',
  restoreOnFailure: false,
  busyWaitSeconds: '45',
  intervalMs: '1000',
  tariff: '0,85',
  currency: 'BRL',
  hotkey: 'Control+Alt+Space',
  language: 'pt-BR' as const,
  theme: 'dark' as const,
  startAtLogin: true,
  watchdogEnabled: true,
  watchdogThresholdW: '40',
  watchdogMinutes: '10',
};

describe('settings form → patch', () => {
  it('builds a patch the contract accepts (decimal comma tariff, trailing slash trimmed)', () => {
    const r = draftToPatch(draft);
    expect('patch' in r).toBe(true);
    if (!('patch' in r)) return;
    expect(r.patch.energy?.tariff).toBe(0.85);
    expect(r.patch.lmstudio).toEqual({
      baseUrl: 'http://127.0.0.1:1234',
      restoreOnFailure: false,
      busyWaitSeconds: 45,
    });
    expect(SettingsPatchSchema.safeParse(r.patch).success).toBe(true);
  });

  it('names the field that is wrong instead of saving', () => {
    expect(draftToPatch({ ...draft, baseUrl: 'file:///etc' })).toEqual({ field: 'baseUrl' });
    expect(draftToPatch({ ...draft, intervalMs: '50' })).toEqual({ field: 'intervalMs' });
    expect(draftToPatch({ ...draft, tariff: '-1' })).toEqual({ field: 'tariff' });
    expect(draftToPatch({ ...draft, hotkey: ' ' })).toEqual({ field: 'hotkey' });
    expect(draftToPatch({ ...draft, watchdogThresholdW: 'x' })).toEqual({ field: 'watchdogThresholdW' });
    for (const busyWaitSeconds of ['', '-1', '2.5', 'abc', '3601'])
      expect(draftToPatch({ ...draft, busyWaitSeconds })).toEqual({ field: 'busyWaitSeconds' });
    expect('patch' in draftToPatch({ ...draft, busyWaitSeconds: '0' })).toBe(true);
  });

  it('an empty tariff clears it', () => {
    const r = draftToPatch({ ...draft, tariff: '', currency: '' });
    expect('patch' in r && r.patch.energy).toMatchObject({ tariff: null, currency: null });
  });
});
