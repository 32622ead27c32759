import { describe, expect, it } from 'vitest';
import { findChromium } from './find-chromium';

describe('finding Chromium for the browser tests', () => {
  it('fails with the apt-get install command when no Chromium is installed', () => {
    expect(() => findChromium({ env: {}, exists: () => false, which: () => null })).toThrow(/apt-get install chromium/);
  });

  it('prefers LOADOUT_CHROMIUM, then chromium on PATH', () => {
    expect(
      findChromium({
        env: { LOADOUT_CHROMIUM: '/opt/chrome' },
        exists: (f) => f === '/opt/chrome',
        which: () => '/usr/bin/chromium',
      }),
    ).toBe('/opt/chrome');
    expect(
      findChromium({ env: {}, exists: () => false, which: (n) => (n === 'chromium' ? '/usr/bin/chromium' : null) }),
    ).toBe('/usr/bin/chromium');
    expect(() => findChromium({ env: { LOADOUT_CHROMIUM: '/nope' }, exists: () => false })).toThrow(
      /\/nope.*apt-get install chromium/,
    );
  });
});
