import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configCommand, settingsKeys } from '../../../electron/cli/commands/config';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { runLoadout } from '../../support/cli-harness';

let home: string;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-config-'));
});
afterEach(() => fs.rmSync(home, { recursive: true, force: true }));
const config = (...argv: string[]) => runLoadout([configCommand], ['config', ...argv], { LOADOUT_HOME: home });

describe('loadout config', () => {
  it('sets energy.tariff from a number and reads it back, in the file the tray app shares', async () => {
    expect(await config('set', 'energy.tariff', '0.89')).toMatchObject({ code: 0, stdout: 'energy.tariff = 0.89\n' });
    expect(await config('get', 'energy.tariff')).toMatchObject({ code: 0, stdout: '0.89\n' });
    expect(new SettingsStore({ dataDir: home }).get().energy.tariff).toBe(0.89);
  });

  it('takes text when the value is not JSON, and JSON arrays for time-of-use slots', async () => {
    expect((await config('set', 'energy.currency', 'BRL')).code).toBe(0);
    const slots = '[{"from":"22:00","to":"06:00","pricePerKWh":0.5}]';
    expect((await config('set', 'energy.timeOfUse', slots)).code).toBe(0);
    const s = new SettingsStore({ dataDir: home }).get().energy;
    expect(s.currency).toBe('BRL');
    expect(s.timeOfUse).toEqual([{ from: '22:00', to: '06:00', pricePerKWh: 0.5 }]);
    expect(JSON.parse((await config('get', 'energy')).stdout)).toMatchObject({ currency: 'BRL', gapLimitSeconds: 5 });
  });

  it('refuses URLs that are not http(s) or that carry a password, naming the token setting, and writes nothing', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'ftp://10.0.0.2/']) {
      const r = await config('set', 'lmstudio.baseUrl', url);
      expect(r.code, url).toBe(2);
      expect(r.stderr, url).toMatch(
        /lmstudio\.baseUrl[\s\S]*use an http\(s\) URL such as http:\/\/127\.0\.0\.1:1234[\s\S]*Nothing was changed/,
      );
    }
    const creds = await config('set', 'lmstudio.baseUrl', 'http://user:secret@10.0.0.2:1234');
    expect(creds.code).toBe(2);
    expect(creds.stderr).toMatch(/user name or password inside the URL[\s\S]*LM Studio token setting \(LM_API_TOKEN/);
    expect(creds.stderr).not.toContain('secret@');
    const remote = await config(
      'set',
      'machines',
      '[{"name":"ws","url":"http://u:p@10.0.0.3:1234","kind":"lmstudio-only"}]',
    );
    expect(remote.stderr).toMatch(
      /invalid value for machines[\s\S]*LOADOUT_MACHINE_TOKEN_<NAME>[\s\S]*machines\[0\]\.url/,
    );
    expect((await config('set', 'routing.cloud.baseUrl', 'ftp://api.example.com/v1')).code).toBe(2);
    expect(
      fs.existsSync(path.join(home, 'config.json')) ? fs.readFileSync(path.join(home, 'config.json'), 'utf8') : '',
    ).not.toMatch(/secret|file:|ftp:|javascript:/);
    expect((await config('set', 'lmstudio.baseUrl', 'https://10.0.0.2:1234')).code).toBe(0);
  });

  it('rejects an invalid value with the schema message, exit 2, and writes nothing', async () => {
    await config('set', 'energy.tariff', '0.89');
    const bad = await config('set', 'energy.tariff', '-3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('energy.tariff');
    expect(bad.stderr).toMatch(/>=0|too small|Nothing was changed/i);
    expect((await config('set', 'energy.currency', 'reais')).code).toBe(2);
    const badSlot = await config('set', 'energy.timeOfUse', '[{"from":"25:00","to":"06:00","pricePerKWh":1}]');
    expect(badSlot.code).toBe(2);
    expect(badSlot.stderr).toContain('use HH:MM from 00:00 to 24:00');
    expect(new SettingsStore({ dataDir: home }).get().energy.tariff).toBe(0.89);
  });

  it('exits 2 on an unknown key, suggesting the real ones', async () => {
    const run = await config('set', 'energy.tarif', '1');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown setting "energy.tarif"');
    expect(run.stderr).toContain('energy.tariff');
    expect((await config('get', 'nope')).code).toBe(2);
    expect((await config('frobnicate')).code).toBe(2);
    // Two typos, one in the section: found by edit distance, not by the section or the last part.
    const typo = await config('get', 'enrgy.tarif');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean one of: energy.tariff');
  });

  it('prints everything with get, never the encrypted token', async () => {
    const store = new SettingsStore({ dataDir: home });
    store.update((s) => ({ ...s, lmstudio: { ...s.lmstudio, tokenEncrypted: 'c2VjcmV0' } }));
    const all = await config('get');
    expect(all.stdout).not.toContain('c2VjcmV0');
    expect(JSON.parse(all.stdout).lmstudio.tokenEncrypted).toBe('(set, encrypted)');
    expect((await config('set', 'lmstudio.tokenEncrypted', 'x')).code).toBe(2);
  });

  it('knows every settings key, nested ones included', () => {
    expect(settingsKeys()).toEqual(
      expect.arrayContaining([
        'energy.tariff',
        'energy.idleWatchdog.thresholdW',
        'sampler.intervalMs',
        'ui.language',
        'presets',
      ]),
    );
  });

  it('turns the cloud fallback on through routing.cloud.*, and refuses to write its key in plain text', async () => {
    expect(await config('set', 'routing.cloud.baseUrl', 'https://api.example.com/v1')).toMatchObject({ code: 0 });
    expect(await config('set', 'routing.cloud.model', 'gpt-4.1-mini')).toMatchObject({ code: 0 });
    expect(await config('set', 'routing.cloud.contextLength', '128000')).toMatchObject({ code: 0 });
    expect(await config('set', 'routing.cloud.enabled', 'true')).toMatchObject({
      code: 0,
      stdout: 'routing.cloud.enabled = true\n',
    });
    const key = await config('set', 'routing.cloud.apiKeyEncrypted', 'sk-plain');
    expect(key.code).toBe(2);
    expect(key.stderr).toContain('LOADOUT_CLOUD_API_KEY');
    expect(key.stderr).toContain("tray app's settings");
    const sneaky = await config(
      'set',
      'routing.cloud',
      '{"enabled":true,"baseUrl":"https://x/v1","model":"m","label":"","apiKeyEncrypted":"sk-plain"}',
    );
    expect(sneaky.code).toBe(2);
    expect(sneaky.stderr).toContain('routing.cloud.apiKeyEncrypted');
    const saved = new SettingsStore({ dataDir: home }).get().routing;
    expect(saved.cloud).toMatchObject({
      enabled: true,
      baseUrl: 'https://api.example.com/v1',
      model: 'gpt-4.1-mini',
      contextLength: 128000,
      apiKeyEncrypted: null,
    });
    expect(saved.allowJitLoad).toBe(false);
  });

  it('sets the other machines list, keeping each stored token, never printing or writing one', async () => {
    const store = new SettingsStore({ dataDir: home });
    store.update((s) => ({
      ...s,
      machines: [{ name: 'ws', url: 'http://192.168.1.20:1234', kind: 'lmstudio-only', tokenEncrypted: 'dG9rZW4=' }],
    }));
    const plain = await config(
      'set',
      'machines',
      '[{"name":"ws","url":"http://192.168.1.20:1234","kind":"lmstudio-only","tokenEncrypted":"abc"}]',
    );
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('LOADOUT_MACHINE_TOKEN_<NAME>');
    const list =
      '[{"name":"ws","url":"http://192.168.1.21:1234","kind":"lmstudio-only"},{"name":"nas","url":"http://10.0.0.5:1234","kind":"lmstudio-only"}]';
    expect((await config('set', 'machines', list)).code).toBe(0);
    const saved = new SettingsStore({ dataDir: home }).get().machines;
    expect(saved).toEqual([
      { name: 'ws', url: 'http://192.168.1.21:1234', kind: 'lmstudio-only', tokenEncrypted: 'dG9rZW4=' },
      { name: 'nas', url: 'http://10.0.0.5:1234', kind: 'lmstudio-only' },
    ]);
    const shown = await config('get', 'machines');
    expect(shown.stdout).not.toContain('dG9rZW4=');
    expect(JSON.parse(shown.stdout)[0].tokenEncrypted).toBe('(set, encrypted)');
    expect((await config('set', 'routing.endpoints', '[{"name":"ws","baseUrl":"not a url"}]')).code).toBe(2);
  });

  it('keeps the stored cloud key when the whole section is rewritten, or given back as config get shows it; null clears it', async () => {
    const store = new SettingsStore({ dataDir: home });
    store.update((s) => ({ ...s, routing: { ...s.routing, cloud: { ...s.routing.cloud, apiKeyEncrypted: 'a2V5' } } }));
    const section = '{"enabled":true,"baseUrl":"https://api.openai.com/v1","model":"gpt-4.1-mini","label":"OpenAI"}';
    expect((await config('set', 'routing.cloud', section)).code).toBe(0);
    expect(new SettingsStore({ dataDir: home }).get().routing.cloud).toMatchObject({
      enabled: true,
      label: 'OpenAI',
      apiKeyEncrypted: 'a2V5',
    });
    const shown = (await config('get', 'routing')).stdout;
    expect((await config('set', 'routing', shown)).code).toBe(0);
    expect(new SettingsStore({ dataDir: home }).get().routing.cloud.apiKeyEncrypted).toBe('a2V5');
    expect((await config('set', 'routing.cloud.apiKeyEncrypted', 'null')).code).toBe(0);
    expect(new SettingsStore({ dataDir: home }).get().routing.cloud.apiKeyEncrypted).toBeNull();
  });

  it('sets the MCP settings by key: allowed folders, min confidence and the cloud price; refuses a confidence above 1', async () => {
    expect(await config('set', 'mcp.fileRoots', '["/home/ana/src","C:\\\\Users\\\\ana\\\\docs"]')).toMatchObject({
      code: 0,
    });
    expect(await config('set', 'mcp.minConfidence', '0.7')).toMatchObject({
      code: 0,
      stdout: 'mcp.minConfidence = 0.7\n',
    });
    expect(await config('set', 'mcp.cloudPrice.outputPerMTok', '75')).toMatchObject({ code: 0 });
    const bad = await config('set', 'mcp.minConfidence', '1.5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/mcp\.minConfidence[\s\S]*Nothing was changed/);
    const saved = new SettingsStore({ dataDir: home }).get().mcp;
    expect(saved).toMatchObject({
      fileRoots: ['/home/ana/src', 'C:\\Users\\ana\\docs'],
      minConfidence: 0.7,
      http: false,
      cloudPrice: { inputPerMTok: 3, outputPerMTok: 75 },
    });
  });
});
