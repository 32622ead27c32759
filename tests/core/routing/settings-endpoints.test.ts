/** Where the router may go, from the settings with the environment on top; secrets only through getSecret. */
import { describe, expect, it } from 'vitest';
import {
  encryptedSecret,
  resolveRoutingEndpoints,
  type SecretName,
} from '../../../electron/core/routing/settings-endpoints';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';

function withRouting(patch: Partial<Settings['routing']>, machines: Settings['machines'] = []): Settings {
  const d = defaultSettings();
  return { ...d, machines, routing: { ...d.routing, ...patch } };
}

const cloud = {
  ...defaultSettings().routing.cloud,
  enabled: true,
  baseUrl: 'https://api.example.com/v1/',
  model: 'gpt-4.1-mini',
  label: '',
  apiKeyEncrypted: 'ZW5j',
};
const lmOnly = 'lmstudio-only' as const;
const machines: Settings['machines'] = [
  { name: 'ws', url: 'http://192.168.1.20:1234/v1', kind: lmOnly, tokenEncrypted: 'dG9r' },
  { name: 'nas', url: 'http://10.0.0.5:1234', kind: lmOnly },
  { name: 'bad', url: 'ftp://x', kind: lmOnly },
  // A Loadout agent is watched, not routed to through a guessed LM Studio URL.
  { name: 'agent', url: 'https://10.0.0.9:1235', kind: 'loadout' },
];
const secrets: Partial<Record<SecretName, string>> = {
  'routing.cloud.apiKey': 'sk-keychain',
  'machines.ws.token': 'tok-ws',
};
const getSecret = (name: SecretName) => secrets[name] ?? null;

describe('resolveRoutingEndpoints', () => {
  it('reads the machines and the cloud model from the settings, keys decrypted through getSecret', () => {
    const c = resolveRoutingEndpoints(withRouting({ cloud }).routing, machines, {}, getSecret);
    expect(c.remotes).toEqual([
      { id: 'remote:ws', label: 'ws', baseUrl: 'http://192.168.1.20:1234', token: 'tok-ws' },
      { id: 'remote:nas', label: 'nas', baseUrl: 'http://10.0.0.5:1234', token: null },
    ]);
    expect(c.problems).toEqual(['machines: "bad" has no http(s) URL (ftp://x); skipped.']);
    expect(c.cloud).toEqual({
      label: 'api.example.com',
      openAiBaseUrl: 'https://api.example.com/v1',
      apiKey: 'sk-keychain',
      model: 'gpt-4.1-mini',
      contextLength: 128000,
      vision: false,
    });
  });

  it('keeps the cloud off when disabled, incomplete, or its key cannot be read here', () => {
    expect(
      resolveRoutingEndpoints(withRouting({ cloud: { ...cloud, enabled: false } }).routing, [], {}, getSecret).cloud,
    ).toBeNull();
    const noModel = resolveRoutingEndpoints(
      withRouting({ cloud: { ...cloud, model: ' ' } }).routing,
      [],
      {},
      getSecret,
    );
    expect(noModel.cloud).toBeNull();
    expect(noModel.problems[0]).toMatch(/routing\.cloud\.model is empty/);
    const cli = resolveRoutingEndpoints(withRouting({ cloud }).routing, [], {});
    expect(cli.cloud).toBeNull();
    expect(cli.problems[0]).toMatch(/stored encrypted by the tray app.*LOADOUT_CLOUD_API_KEY/);
    const noKey = resolveRoutingEndpoints(
      withRouting({ cloud: { ...cloud, apiKeyEncrypted: null } }).routing,
      [],
      {},
      getSecret,
    );
    expect(noKey.problems[0]).toMatch(/has no API key/);
  });

  it('lets the environment override: LOADOUT_REMOTES replaces the list, LOADOUT_CLOUD_* the cloud, keys fill in for the CLI', () => {
    const routing = withRouting({ cloud }).routing;
    const env = {
      LOADOUT_REMOTES: 'lab=http://10.1.1.1:1234',
      LOADOUT_REMOTES_TOKEN: 'tok-env',
      LOADOUT_CLOUD_URL: 'https://other.example/v1',
      LOADOUT_CLOUD_MODEL: 'o',
      LOADOUT_CLOUD_API_KEY: 'sk-env',
    };
    const c = resolveRoutingEndpoints(routing, machines, env, getSecret);
    expect(c.remotes.map((r) => [r.label, r.token])).toEqual([['lab', 'tok-env']]);
    expect(c.cloud).toMatchObject({ openAiBaseUrl: 'https://other.example/v1', model: 'o', apiKey: 'sk-env' });
    // Only the key from the environment: the rest from the settings (the CLI cannot decrypt the stored key).
    const keyOnly = resolveRoutingEndpoints(routing, machines, {
      LOADOUT_CLOUD_API_KEY: 'sk-env',
      LOADOUT_REMOTES_TOKEN: 'tok-env',
      LOADOUT_REMOTES: ' ',
    });
    expect(keyOnly.cloud).toMatchObject({ model: 'gpt-4.1-mini', apiKey: 'sk-env' });
    expect(keyOnly.remotes.map((r) => [r.label, r.token])).toEqual([
      ['ws', 'tok-env'],
      ['nas', 'tok-env'],
    ]);
  });

  it("takes a machine's own LOADOUT_MACHINE_TOKEN_<NAME> before the stored token and LOADOUT_REMOTES_TOKEN", () => {
    const c = resolveRoutingEndpoints(
      withRouting({}).routing,
      machines,
      { LOADOUT_MACHINE_TOKEN_WS: 'tok-own', LOADOUT_REMOTES_TOKEN: 'tok-all' },
      getSecret,
    );
    expect(c.remotes.map((r) => [r.label, r.token])).toEqual([
      ['ws', 'tok-own'],
      ['nas', 'tok-all'],
    ]);
  });

  it('routes once to the machine LM Link serves localhost:1234 from: through localhost, not as a remote too', () => {
    const c = resolveRoutingEndpoints(withRouting({}).routing, machines, {}, getSecret, {
      available: true,
      servedBy: 'WS',
    });
    expect(c.remotes.map((r) => r.label)).toEqual(['nas']);
    expect(c.problems).toContain(
      '"ws" is the device LM Link serves localhost:1234 from, so it is routed to once, through this machine\'s LM Studio.',
    );
  });

  it('finds the encrypted value behind each secret name', () => {
    const s = withRouting({ cloud }, machines);
    expect(encryptedSecret(s, 'routing.cloud.apiKey')).toBe('ZW5j');
    expect(encryptedSecret(s, 'machines.ws.token')).toBe('dG9r');
    expect(encryptedSecret(s, 'machines.nas.token')).toBeNull();
    expect(encryptedSecret(s, 'machines.nobody.token')).toBeNull();
  });
});
