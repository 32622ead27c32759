import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appVersion, statedVersion } from '../../../electron/core/process/app-version';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  version: string;
};

describe('appVersion', () => {
  it("is package.json's version", () => {
    expect(appVersion()).toBe(pkg.version);
  });

  it('says "unknown" when package.json states no version, never a made-up 0.0.0', () => {
    expect(statedVersion(undefined)).toBe('unknown');
    expect(statedVersion('  ')).toBe('unknown');
    expect(statedVersion(7)).toBe('unknown');
    expect(statedVersion('1.2.3')).toBe('1.2.3');
  });
});
