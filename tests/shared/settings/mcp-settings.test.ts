import { describe, expect, it } from 'vitest';
import { applySettingsPatch, SettingsPatchSchema, toPublicSettings } from '../../../shared/contract/settings';
import { migrateSettings } from '../../../shared/settings/migrate';
import { readSettingsValue } from '../../../shared/settings/settings-problem';
import { SettingsSchema, defaultSettings } from '../../../shared/settings/schema';

describe('mcp settings', () => {
  it('start with /mcp off, no readable folders and the agreed limits and prices', () => {
    expect(defaultSettings().mcp).toEqual({
      http: false,
      fileRoots: [],
      maxFileBytes: 262_144,
      maxPromptChars: 200_000,
      minConfidence: 0.55,
      maxConcurrent: 2,
      busyWaitSeconds: 15,
      cloudPrice: { inputPerMTok: 3, outputPerMTok: 15 },
    });
  });

  it('fill in a schema-1 file written before they existed, keeping its other fields', () => {
    const s = SettingsSchema.parse(migrateSettings({ schemaVersion: 1, server: { port: 4000 } }));
    expect(s.server.port).toBe(4000);
    expect(s.mcp.minConfidence).toBe(0.55);
  });

  it('keep a partial section and default the rest', () => {
    const s = SettingsSchema.parse({ mcp: { http: true, cloudPrice: { outputPerMTok: 75 } } });
    expect(s.mcp.http).toBe(true);
    expect(s.mcp.cloudPrice).toEqual({ inputPerMTok: 3, outputPerMTok: 75 });
  });

  it('name the field of a confidence outside 0..1 and fall back to its default', () => {
    const reading = readSettingsValue({ schemaVersion: 1, mcp: { minConfidence: 1.5, maxConcurrent: 4 } });
    expect(reading.problem?.paths).toEqual(['mcp.minConfidence']);
    expect(reading.problem?.detail).toMatch(/^mcp\.minConfidence: /);
    expect(reading.settings?.mcp.minConfidence).toBe(0.55);
    expect(reading.settings?.mcp.maxConcurrent).toBe(4);
  });

  it('refuse zero concurrent calls, a negative price and an empty folder', () => {
    expect(SettingsSchema.safeParse({ mcp: { maxConcurrent: 0 } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ mcp: { cloudPrice: { inputPerMTok: -1 } } }).success).toBe(false);
    expect(SettingsSchema.safeParse({ mcp: { fileRoots: ['  '] } }).success).toBe(false);
  });

  it('change through a patch without resetting what it leaves out, and reach the UI', () => {
    const base = applySettingsPatch(defaultSettings(), {
      mcp: { fileRoots: ['/home/ana/src'], cloudPrice: { inputPerMTok: 5 } },
    });
    const next = applySettingsPatch(
      base,
      SettingsPatchSchema.parse({ mcp: { cloudPrice: { outputPerMTok: 25 }, maxConcurrent: 3 } }),
    );
    expect(next.mcp).toMatchObject({
      fileRoots: ['/home/ana/src'],
      maxConcurrent: 3,
      cloudPrice: { inputPerMTok: 5, outputPerMTok: 25 },
    });
    expect(toPublicSettings(next).mcp).toEqual(next.mcp);
    expect(SettingsPatchSchema.safeParse({ mcp: { minConfidence: 2 } }).success).toBe(false);
  });
});
