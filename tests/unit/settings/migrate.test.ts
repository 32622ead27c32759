import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../shared/settings/migrate';
import { SettingsSchema, defaultSettings } from '../../../shared/settings/schema';

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
    expect(s.schemaVersion).toBe(1);
  });

  it('refuses a file from a newer Loadout instead of losing its fields', () => {
    expect(() => migrateSettings({ schemaVersion: 99 })).toThrow(/newer Loadout/);
  });
});
