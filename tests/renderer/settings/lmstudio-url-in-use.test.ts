/** Which LM Studio URL is used, where it came from, and what was given but not used (never skipped silently). */
import { describe, expect, it } from 'vitest';
import {
  describeLmStudioUrl,
  ignoredLmStudioUrlNotes,
  resolveLmStudioUrl,
} from '../../../electron/core/lmstudio/base-url';

describe('the LM Studio URL in use', () => {
  it('takes the flag, then LOADOUT_LMSTUDIO_URL, then settings, then the default, naming each', () => {
    const env = { LOADOUT_LMSTUDIO_URL: 'http://10.0.0.5:1234/v1' };
    expect(resolveLmStudioUrl({ explicit: 'localhost:4321', env, settings: 'http://a:1' })).toMatchObject({
      url: 'http://localhost:4321',
      source: 'flag',
      ignored: [],
    });
    const fromEnv = resolveLmStudioUrl({ env, settings: 'http://a:1' });
    expect(fromEnv).toMatchObject({ url: 'http://10.0.0.5:1234', source: 'env' });
    expect(describeLmStudioUrl(fromEnv)).toBe(
      'http://10.0.0.5:1234 (from the LOADOUT_LMSTUDIO_URL environment variable)',
    );
    expect(describeLmStudioUrl(resolveLmStudioUrl({ env: {}, settings: 'http://a:1' }))).toBe(
      'http://a:1 (from settings (lmstudio.baseUrl))',
    );
    expect(describeLmStudioUrl(resolveLmStudioUrl({ env: {} }))).toBe("http://127.0.0.1:1234 (from Loadout's default)");
  });

  it('says why an invalid LOADOUT_LMSTUDIO_URL was not used, and which URL is used instead', () => {
    const ftp = resolveLmStudioUrl({ env: { LOADOUT_LMSTUDIO_URL: 'ftp://10.0.0.5:1234' }, settings: 'http://a:1' });
    expect(ftp).toMatchObject({
      url: 'http://a:1',
      source: 'settings',
      ignored: [{ source: 'env', value: 'ftp://10.0.0.5:1234' }],
    });
    expect(ignoredLmStudioUrlNotes(ftp)).toEqual([
      'The LOADOUT_LMSTUDIO_URL environment variable is "ftp://10.0.0.5:1234", which was not used: a ftp: URL cannot be called: use an http(s) URL such as http://127.0.0.1:1234. Using http://a:1 (from settings (lmstudio.baseUrl)) instead.',
    ]);
    // Credentials are not dropped quietly from the URL: the whole value is refused, with where a token goes.
    const secret = resolveLmStudioUrl({ env: { LOADOUT_LMSTUDIO_URL: 'http://me:pw@10.0.0.5:1234' } });
    expect(secret.url).toBe('http://127.0.0.1:1234');
    expect(ignoredLmStudioUrlNotes(secret)[0]).toMatch(
      /^The LOADOUT_LMSTUDIO_URL environment variable is "http:\/\/me:pw@10\.0\.0\.5:1234", which was not used: a user name or password inside the URL is not how LM Studio takes a token: remove it from the URL and set LM_API_TOKEN \(or the token in settings\)\. Using http:\/\/127\.0\.0\.1:1234 \(from Loadout's default\) instead\.$/,
    );
    expect(resolveLmStudioUrl({ env: { LOADOUT_LMSTUDIO_URL: '  ' } }).ignored).toEqual([]);
  });
});
