import { describe, expect, it } from 'vitest';
import { defaultSettings, SettingsSchema } from '../../../shared/settings/schema';

describe('fleet settings', () => {
  it('leaves LAN discovery off by default, also in a config written before it existed', () => {
    expect(defaultSettings().fleet).toEqual({ discovery: false });
    expect(SettingsSchema.parse({ machines: [] }).fleet.discovery).toBe(false);
  });

  it('refuses a discovery value that is not true or false', () => {
    expect(SettingsSchema.safeParse({ fleet: { discovery: 'yes' } }).success).toBe(false);
    expect(SettingsSchema.parse({ fleet: { discovery: true } }).fleet.discovery).toBe(true);
  });
});
