import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../../shared/settings/schema';
import { SettingsPatchSchema } from '../../../shared/contract/settings';

const messages = (value: unknown) => {
  const r = SettingsSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('URLs in settings: http(s) only, never with credentials', () => {
  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://example.com', 'not a url'])(
    'refuses %s as lmstudio.baseUrl',
    (url) => {
      expect(messages({ lmstudio: { baseUrl: url } })).toEqual([
        expect.stringMatching(/^lmstudio\.baseUrl: .*use an http\(s\) URL such as http:\/\/127\.0\.0\.1:1234/),
      ]);
    },
  );

  it('refuses a URL with a user name or password and points to the token setting', () => {
    expect(messages({ lmstudio: { baseUrl: 'http://user:secret@10.0.0.2:1234' } })).toEqual([
      expect.stringMatching(
        /^lmstudio\.baseUrl: a user name or password inside the URL .*LM Studio token setting \(LM_API_TOKEN/,
      ),
    ]);
    expect(messages({ machines: [{ name: 'ws', url: 'http://u@10.0.0.3:1234' }] })[0]).toMatch(
      /^machines\.0\.url: .*LOADOUT_MACHINE_TOKEN_<NAME>/,
    );
    expect(messages({ routing: { cloud: { baseUrl: 'https://k:sk-x@api.example.com/v1' } } })[0]).toMatch(
      /^routing\.cloud\.baseUrl: .*LOADOUT_CLOUD_API_KEY/,
    );
  });

  it('keeps http(s) URLs, and an empty cloud URL as "not set"', () => {
    expect(
      messages({
        lmstudio: { baseUrl: 'https://lm.example:8443' },
        machines: [{ name: 'ws', url: 'http://10.0.0.3:1234' }],
        routing: { cloud: { baseUrl: '' } },
      }),
    ).toEqual([]);
  });

  it('the WebSocket and IPC patch refuses the same URLs', () => {
    expect(SettingsPatchSchema.safeParse({ lmstudio: { baseUrl: 'javascript:alert(1)' } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ routing: { endpoints: [{ name: 'a', baseUrl: 'ftp://x' }] } }).success).toBe(
      false,
    );
    expect(SettingsPatchSchema.safeParse({ routing: { cloud: { baseUrl: 'http://a:b@x/v1' } } }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ lmstudio: { baseUrl: 'http://127.0.0.1:1234' } }).success).toBe(true);
  });
});
