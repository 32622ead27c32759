import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../../shared/settings/migrate';
import { readSettingsValue } from '../../../shared/settings/settings-problem';
import { SettingsSchema, defaultSettings } from '../../../shared/settings/schema';

describe('gaming settings', () => {
  it('start off, with no listed games, a 60 s restore grace and a 3 s check', () => {
    expect(defaultSettings().gaming).toEqual({
      enabled: false,
      processes: [],
      restoreAfterSeconds: 60,
      restore: true,
      restorePreset: null,
      vramThresholdGiB: null,
      checkIntervalSeconds: 3,
    });
  });

  it('fill in a schema-2 file written before they existed, keeping its other fields', () => {
    const s = SettingsSchema.parse(migrateSettings({ schemaVersion: 2, server: { port: 4000 } }));
    expect(s.server.port).toBe(4000);
    expect(s.gaming.enabled).toBe(false);
  });

  it('keep a partial section and default the rest', () => {
    const s = SettingsSchema.parse({ gaming: { enabled: true, processes: ['eldenring.exe'], vramThresholdGiB: 6 } });
    expect(s.gaming).toMatchObject({ enabled: true, processes: ['eldenring.exe'], vramThresholdGiB: 6, restore: true });
  });

  it('name a blank game name and a check interval below a second', () => {
    const reading = readSettingsValue({ schemaVersion: 2, gaming: { processes: ['  '], checkIntervalSeconds: 0.1 } });
    expect(reading.problem?.paths).toEqual(
      expect.arrayContaining(['gaming.processes.0', 'gaming.checkIntervalSeconds']),
    );
    expect(reading.problem?.detail).toContain('give an executable name, e.g. eldenring.exe');
  });
});
