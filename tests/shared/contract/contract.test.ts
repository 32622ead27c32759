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
  bridgeTransport,
  type ContractTransport,
  type PreloadBridge,
} from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings/schema';

describe('app API contract', () => {
  it('names every method and event domain.action', () => {
    for (const name of [...methodNames, ...eventNames]) expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/);
    expect(methodNames).toEqual(
      expect.arrayContaining([
        'hardware.history',
        'hardware.inventory',
        'profile.capacity',
        'models.list',
        'models.unload',
        'models.unloadAll',
        'presets.list',
        'presets.get',
        'presets.save',
        'presets.delete',
        'presets.reorder',
        'presets.duplicate',
        'presets.import',
        'presets.export',
        'presets.apply',
        'presets.cancel',
        'presets.plan',
        'energy.summary',
        'energy.report',
        'settings.get',
        'settings.set',
        'settings.setLmStudioToken',
        'chat.send',
        'chat.cancel',
        'app.info',
      ]),
    );
    expect(eventNames).toEqual(
      expect.arrayContaining(['hardware.sample', 'presets.progress', 'energy.idleAlert', 'chat.delta', 'chat.done']),
    );
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
    expect(
      contractMethods['presets.plan'].input.safeParse({ preset: { id: 'x', name: 'X', models: [] } }).success,
    ).toBe(true);
    expect(contractEvents['chat.delta'].payload.safeParse({ requestId: 'r', text: 'hi' }).success).toBe(true);
  });

  it('never exposes the encrypted token in public settings', () => {
    const settings = { ...defaultSettings(), lmstudio: { ...defaultSettings().lmstudio, tokenEncrypted: 'c2VjcmV0' } };
    const pub = toPublicSettings(settings);
    expect(JSON.stringify(pub)).not.toContain('c2VjcmV0');
    expect(pub.lmstudio.hasToken).toBe(true);
    expect(contractMethods['settings.get'].output.parse(pub)).toEqual(pub);
  });

  it("never exposes the routing secrets: the cloud key and each machine's token become hasApiKey / hasToken", () => {
    const d = defaultSettings();
    const machines = [
      { name: 'ws', url: 'http://192.168.1.20:1234', kind: 'lmstudio-only' as const, tokenEncrypted: 'dG9rZW4=' },
      { name: 'nas', url: 'http://10.0.0.5:1234', kind: 'lmstudio-only' as const },
    ];
    const settings = {
      ...d,
      machines,
      routing: { ...d.routing, cloud: { ...d.routing.cloud, enabled: true, apiKeyEncrypted: 'a2V5' } },
    };
    const pub = toPublicSettings(settings);
    expect(JSON.stringify(pub)).not.toMatch(/dG9rZW4=|a2V5|Encrypted/);
    expect(pub.routing.endpoints).toEqual([
      { name: 'ws', baseUrl: 'http://192.168.1.20:1234', hasToken: true },
      { name: 'nas', baseUrl: 'http://10.0.0.5:1234', hasToken: false },
    ]);
    expect(pub.routing.cloud).toMatchObject({ enabled: true, hasApiKey: true });
    expect(contractMethods['settings.get'].output.parse(pub)).toEqual(pub);
  });

  it('patches routing without touching the stored secrets, and refuses secrets in a patch', () => {
    const d = defaultSettings();
    const agent = { name: 'lab', url: 'https://10.0.0.9:1235', kind: 'loadout' as const, tokenEncrypted: 'bGFi' };
    const base = {
      ...d,
      machines: [
        agent,
        { name: 'ws', url: 'http://192.168.1.20:1234', kind: 'lmstudio-only' as const, tokenEncrypted: 'dG9rZW4=' },
      ],
      routing: { ...d.routing, cloud: { ...d.routing.cloud, apiKeyEncrypted: 'a2V5' } },
    };
    const patch = SettingsPatchSchema.parse({
      routing: {
        allowJitLoad: true,
        endpoints: [
          { name: 'ws', baseUrl: 'http://192.168.1.21:1234' },
          { name: 'nas', baseUrl: 'http://10.0.0.5:1234' },
        ],
        cloud: { enabled: true, model: 'gpt-4.1-mini' },
      },
    });
    const next = applySettingsPatch(base, patch);
    expect(next.routing.allowJitLoad).toBe(true);
    expect(next.routing.classifyWithModel).toBe(false);
    // The routing window's list replaces the LM Studio-only machines; the Loadout agent and stored tokens stay.
    expect(next.machines).toEqual([
      agent,
      { name: 'ws', url: 'http://192.168.1.21:1234', kind: 'lmstudio-only', tokenEncrypted: 'dG9rZW4=' },
      { name: 'nas', url: 'http://10.0.0.5:1234', kind: 'lmstudio-only' },
    ]);
    const shown = toPublicSettings(next);
    expect(shown.routing.endpoints.map((e) => e.name)).toEqual(['ws', 'nas']);
    expect(shown.machines.map((m) => [m.name, m.hasToken])).toEqual([
      ['lab', true],
      ['ws', true],
      ['nas', false],
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/bGFi|dG9rZW4=/);
    expect(next.routing.cloud).toMatchObject({ enabled: true, model: 'gpt-4.1-mini', apiKeyEncrypted: 'a2V5' });
    const sneaky = SettingsPatchSchema.parse({ routing: { cloud: { apiKeyEncrypted: 'plain' } } });
    expect(applySettingsPatch(base, sneaky).routing.cloud.apiKeyEncrypted).toBe('a2V5');
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
    expect(toApiError(new AppApiError('not-found', 'No preset "x".'))).toEqual({
      code: 'not-found',
      message: 'No preset "x".',
    });
    expect(toApiError(new Error('boom'))).toMatchObject({ code: 'internal', message: expect.stringContaining('boom') });
  });

  it('builds a typed client whose calls answer envelopes, also when the transport throws', async () => {
    const calls: Array<[string, unknown]> = [];
    const transport: ContractTransport = {
      async call(method, params) {
        calls.push([method, params]);
        if (method === 'presets.get') return { ok: false, error: { code: 'not-found', message: 'No preset "zz".' } };
        if (method === 'presets.list') throw new Error('bridge gone');
        return { ok: true, result: { deleted: true } };
      },
      on: () => () => {},
    };
    const client = createContractClient(transport);
    await expect(client.call('presets.delete', { id: 'a' })).resolves.toEqual({ ok: true, result: { deleted: true } });
    await expect(client.call('presets.get', { id: 'zz' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No preset "zz".' },
    });
    const thrown = await client.call('presets.list', undefined);
    expect(thrown).toMatchObject({
      ok: false,
      error: {
        code: 'internal',
        message: expect.stringContaining('presets.list failed before it reached Loadout: bridge gone'),
      },
    });
    expect(calls).toEqual([
      ['presets.delete', { id: 'a' }],
      ['presets.get', { id: 'zz' }],
      ['presets.list', undefined],
    ]);
  });

  it('calls the preload bridge by domain and action, and answers unknown-method for one it lacks', async () => {
    const seen: unknown[] = [];
    const bridge = {
      presets: {
        delete: async (p: unknown) => {
          seen.push(p);
          return { ok: true, result: { deleted: true } };
        },
      },
      on: (event: string, listener: (p: unknown) => void) => {
        seen.push(event);
        listener({ watts: 130 });
        return () => {};
      },
    } as unknown as PreloadBridge;
    const client = createContractClient(bridgeTransport(bridge));
    await expect(client.call('presets.delete', { id: 'a' })).resolves.toEqual({ ok: true, result: { deleted: true } });
    await expect(client.call('models.list', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-method', message: expect.stringContaining('models.list') },
    });
    const got: number[] = [];
    client.on('energy.idleAlert', (alert) => got.push(alert.watts));
    expect(seen).toEqual([{ id: 'a' }, 'energy.idleAlert']);
    expect(got).toEqual([130]);
  });
});
