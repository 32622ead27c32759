import { describe, expect, it } from 'vitest';
import {
  applySettingsPatch,
  contractEvents,
  contractMethods,
  createContractClient,
  eventNames,
  isMethodName,
  methodNames,
  SettingsPatchSchema,
  toApiError,
  toPublicSettings,
  AppApiError,
  type ContractTransport,
} from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings/schema';

describe('app API contract', () => {
  it('names every method and event domain.action', () => {
    for (const name of [...methodNames, ...eventNames]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(methodNames).toEqual(expect.arrayContaining([
      'hardware.history', 'hardware.inventory', 'profile.capacity', 'models.list', 'models.unload', 'models.unloadAll',
      'presets.list', 'presets.get', 'presets.save', 'presets.delete', 'presets.reorder', 'presets.duplicate', 'presets.import',
      'presets.export', 'presets.apply', 'presets.cancel', 'presets.plan', 'energy.summary', 'energy.report',
      'settings.get', 'settings.set', 'settings.setLmStudioToken', 'chat.send', 'chat.cancel', 'app.info',
    ]));
    expect(eventNames).toEqual(expect.arrayContaining(['hardware.sample', 'presets.progress', 'energy.idleAlert', 'chat.delta', 'chat.done']));
  });

  it('rejects names that are not methods, including prototype keys', () => {
    expect(isMethodName('presets.apply')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName(42)).toBe(false);
  });

  it('parses inputs with defaults and rejects bad ones', () => {
    expect(contractMethods['models.unloadAll'].input.parse({})).toEqual({ includePinned: false });
    expect(contractMethods['app.info'].input.safeParse(undefined).success).toBe(true);
    expect(contractMethods['presets.apply'].input.safeParse({ id: '' }).success).toBe(false);
    expect(contractMethods['presets.plan'].input.safeParse({ preset: { id: 'x', name: 'X', models: [] } }).success).toBe(true);
    expect(contractEvents['chat.delta'].payload.safeParse({ requestId: 'r', text: 'hi' }).success).toBe(true);
  });

  it('never exposes the encrypted token in public settings', () => {
    const settings = { ...defaultSettings(), lmstudio: { ...defaultSettings().lmstudio, tokenEncrypted: 'c2VjcmV0' } };
    const pub = toPublicSettings(settings);
    expect(JSON.stringify(pub)).not.toContain('c2VjcmV0');
    expect(pub.lmstudio.hasToken).toBe(true);
    expect(contractMethods['settings.get'].output.parse(pub)).toEqual(pub);
  });

  it('patches settings without resetting what the patch leaves out', () => {
    const base = applySettingsPatch(defaultSettings(), { energy: { tariff: 0.89 }, ui: { theme: 'dark' } });
    const patch = SettingsPatchSchema.parse({ energy: { idleWatchdog: { minutes: 3 } } });
    expect(patch).toEqual({ energy: { idleWatchdog: { minutes: 3 } } });
    const next = applySettingsPatch(base, patch);
    expect(next.energy.tariff).toBe(0.89);
    expect(next.ui.theme).toBe('dark');
    expect(next.energy.idleWatchdog).toEqual({ enabled: true, thresholdW: 40, minutes: 3 });
    expect(SettingsPatchSchema.safeParse({ sampler: { intervalMs: 5 } }).success).toBe(false);
  });

  it('turns thrown values into API errors', () => {
    expect(toApiError(new AppApiError('not-found', 'No preset "x".'))).toEqual({ code: 'not-found', message: 'No preset "x".' });
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'internal', message: expect.stringContaining('boom') });
  });

  it('builds a nested typed client that unwraps results and rethrows errors', async () => {
    const calls: Array<[string, unknown]> = [];
    const transport: ContractTransport = {
      async call(method, params) {
        calls.push([method, params]);
        if (method === 'presets.get') return { ok: false, error: { code: 'not-found', message: 'No preset "zz".' } };
        return { ok: true, result: { deleted: true } };
      },
      on: () => () => {},
    };
    const client = createContractClient(contractMethods, transport);
    await expect(client.presets.delete({ id: 'a' })).resolves.toEqual({ deleted: true });
    await expect(client.presets.get({ id: 'zz' })).rejects.toMatchObject({ code: 'not-found' });
    expect(calls).toEqual([['presets.delete', { id: 'a' }], ['presets.get', { id: 'zz' }]]);
  });
});
