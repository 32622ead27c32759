import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../shared/settings/migrate';
import { SETTINGS_SCHEMA_VERSION, SettingsSchema, defaultSettings } from '../../../shared/settings/schema';

describe('settings migrations', () => {
  it('fills every default from nothing', () => {
    const s = SettingsSchema.parse(migrateSettings(undefined));
    expect(s).toEqual(defaultSettings());
    expect(s.lmstudio.baseUrl).toBe('http://127.0.0.1:1234');
    expect(s.sampler.intervalMs).toBe(1000);
  });

  it('moves the pre-release top-level lmstudioUrl into lmstudio.baseUrl', () => {
    const s = SettingsSchema.parse(migrateSettings({ lmstudioUrl: 'http://127.0.0.1:4321' }));
    expect(s.lmstudio.baseUrl).toBe('http://127.0.0.1:4321');
    expect(s.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('moves schema 1 routing.endpoints into machines of kind lmstudio-only, tokens and other routing settings kept', () => {
    const raw = migrateSettings({
      schemaVersion: 1,
      routing: {
        allowJitLoad: true,
        endpoints: [
          { name: 'ws', baseUrl: 'http://192.168.1.20:1234', tokenEncrypted: 'dG9r' },
          { name: 'nas', baseUrl: 'http://10.0.0.5:1234' },
        ],
      },
    });
    expect(raw.routing).toEqual({ allowJitLoad: true });
    const s = SettingsSchema.parse(raw);
    expect(s.machines).toEqual([
      { name: 'ws', url: 'http://192.168.1.20:1234', kind: 'lmstudio-only', tokenEncrypted: 'dG9r' },
      { name: 'nas', url: 'http://10.0.0.5:1234', kind: 'lmstudio-only' },
    ]);
    expect(s.routing.allowJitLoad).toBe(true);
    expect(s.schemaVersion).toBe(2);
  });

  it('names a malformed schema 1 endpoint under machines instead of dropping it', () => {
    const r = SettingsSchema.safeParse(
      migrateSettings({
        schemaVersion: 1,
        routing: { endpoints: [{ name: 'ok', baseUrl: 'http://10.0.0.2:1234' }, 'box=http://10.0.0.3:1234'] },
      }),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['machines.1']);
  });

  it('refuses two machines of one name, naming the second', () => {
    const r = SettingsSchema.safeParse({
      machines: [
        { name: 'a', url: 'http://10.0.0.2:1234' },
        { name: 'a', url: 'http://10.0.0.3:1234' },
      ],
    });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['machines.1.name', 'two machines are named "a": rename or remove one'],
    ]);
  });

  it('refuses a file from a newer Loadout instead of losing its fields', () => {
    expect(() => migrateSettings({ schemaVersion: 99 })).toThrow(/newer Loadout/);
  });
});
