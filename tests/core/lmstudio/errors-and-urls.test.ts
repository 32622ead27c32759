import { describe, expect, it } from 'vitest';
import { normalizeBaseUrl, resolveLmStudioBaseUrl } from '../../../electron/core/lmstudio/base-url';
import {
  extractLmStudioMessage,
  isGuardrailMessage,
  loadError,
  parseRequiredBytes,
} from '../../../electron/core/lmstudio/errors';
import { lmsCandidates, locateLms } from '../../../electron/core/lmstudio/lms-locate';

const GUARDRAIL =
  'Model loading was stopped due to insufficient system resources. Under the current settings, this model requires approximately 21.34 GB of memory.';

describe('base URL', () => {
  it('takes explicit > LOADOUT_LMSTUDIO_URL > settings > default', () => {
    const env = { LOADOUT_LMSTUDIO_URL: 'http://10.0.0.2:4321' };
    expect(resolveLmStudioBaseUrl({ explicit: 'http://a:1', env, settings: 'http://c:3' })).toBe('http://a:1');
    expect(resolveLmStudioBaseUrl({ env, settings: 'http://c:3' })).toBe('http://10.0.0.2:4321');
    expect(resolveLmStudioBaseUrl({ env: {}, settings: 'http://c:3' })).toBe('http://c:3');
    expect(resolveLmStudioBaseUrl({ env: {} })).toBe('http://127.0.0.1:1234');
    expect(resolveLmStudioBaseUrl({ explicit: '::not a url', env: {} })).toBe('http://127.0.0.1:1234');
  });

  it('normalizes what people paste', () => {
    expect(normalizeBaseUrl('localhost:1234')).toBe('http://localhost:1234');
    expect(normalizeBaseUrl('http://localhost:1234/v1/')).toBe('http://localhost:1234');
    expect(normalizeBaseUrl('http://host:1234/api/v1')).toBe('http://host:1234');
    expect(normalizeBaseUrl('ftp://x')).toBeNull();
    expect(normalizeBaseUrl('  ')).toBeNull();
  });
});

describe('LM Studio messages', () => {
  it('extracts the message from every error body shape', () => {
    expect(extractLmStudioMessage({ error: 'Unexpected endpoint or method. (GET /x)' })).toBe(
      'Unexpected endpoint or method. (GET /x)',
    );
    expect(extractLmStudioMessage({ error: { message: 'boom', type: 'internal_error' } })).toBe('boom');
    expect(extractLmStudioMessage({ message: 'm' })).toBe('m');
    expect(extractLmStudioMessage(42)).toBeNull();
  });

  it('recognizes the guardrail and reads the memory it names', () => {
    expect(isGuardrailMessage(GUARDRAIL)).toBe(true);
    expect(
      isGuardrailMessage(
        'Model loading aborted due to insufficient system resources. Overloading the system will likely cause it to freeze.',
      ),
    ).toBe(true);
    expect(isGuardrailMessage('model_load_failed: SIGABRT')).toBe(false);
    expect(parseRequiredBytes(GUARDRAIL)).toBe(21_340_000_000);
    expect(parseRequiredBytes('requires approximately 512 MiB of memory')).toBe(512 * 2 ** 20);
    expect(parseRequiredBytes('no number here')).toBeNull();
  });

  it('classifies load failures with a message a person can act on', () => {
    const guard = loadError('deepseek-coder-33b-instruct', GUARDRAIL, 500, 'model_load_failed');
    expect(guard.code).toBe('guardrail');
    expect(guard.message).toContain('deepseek-coder-33b-instruct');
    expect(guard.message).toContain('21.3 GB');
    expect(guard.requiredBytes).toBe(21_340_000_000);
    expect(guard.lmStudioMessage).toBe(GUARDRAIL);
    expect(loadError('x', 'Model "x" not found.', 404).code).toBe('not-found');
    const failed = loadError('x', 'model_load_failed: SIGABRT', 500);
    expect(failed.code).toBe('load-failed');
    expect(failed.message).toContain('SIGABRT');
  });
});

describe('lms lookup', () => {
  it('looks at LOADOUT_LMS, then ~/.lmstudio/bin, then PATH', async () => {
    const input = {
      env: { LOADOUT_LMS: '/opt/lms', PATH: '/usr/bin:/usr/local/bin' },
      lmStudioHome: '/home/u/.lmstudio',
      platform: 'linux' as const,
    };
    expect(lmsCandidates(input)).toEqual([
      '/opt/lms',
      '/home/u/.lmstudio/bin/lms',
      '/usr/bin/lms',
      '/usr/local/bin/lms',
    ]);
    const exists = (set: string[]) => async (p: string) => set.includes(p);
    expect(await locateLms({ ...input, fileExists: exists(['/usr/local/bin/lms', '/home/u/.lmstudio/bin/lms']) })).toBe(
      '/home/u/.lmstudio/bin/lms',
    );
    expect(await locateLms({ ...input, fileExists: exists(['/usr/local/bin/lms']) })).toBe('/usr/local/bin/lms');
    expect(await locateLms({ ...input, fileExists: exists([]) })).toBeNull();
  });

  it('uses lms.exe on Windows', () => {
    expect(
      lmsCandidates({ env: { Path: 'C:\\bin' }, lmStudioHome: 'C:\\Users\\u\\.lmstudio', platform: 'win32' })[0],
    ).toMatch(/lms\.exe$/);
  });
});
