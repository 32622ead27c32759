/**
 * Messages about LM Studio name the URL in use and where it came from, and an unusable
 * LOADOUT_LMSTUDIO_URL is reported (with the URL used instead) rather than skipped silently.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsCommand } from '../../../electron/cli/commands/models';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator/index';
import { runLoadout } from '../../support/cli-harness';

let emulator: LmStudioEmulator;
let home: string;
const base = () => ({ LOADOUT_HOME: home, LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_NVML: 'off', LM_API_TOKEN: '' });

beforeAll(async () => {
  emulator = await createLmStudioEmulator();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-url-source-'));
  new SettingsStore({ dataDir: home }).update((s) => ({ ...s, lmstudio: { ...s.lmstudio, baseUrl: emulator.url } }));
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the LM Studio URL and its source in CLI messages', () => {
  it('reports an ftp: LOADOUT_LMSTUDIO_URL and goes on with the URL from settings', async () => {
    const run = await runLoadout([modelsCommand], ['models'], {
      ...base(),
      LOADOUT_LMSTUDIO_URL: 'ftp://10.0.0.5:1234',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      `loadout: The LOADOUT_LMSTUDIO_URL environment variable is "ftp://10.0.0.5:1234", which was not used: a ftp: URL cannot be called`,
    );
    expect(run.stderr).toContain(`Using ${emulator.url} (from settings (lmstudio.baseUrl)) instead.`);
    expect(run.stdout).toContain('qwen2.5-7b-instruct');
  });

  it('names the variable when LM Studio is not running at its URL', async () => {
    const run = await runLoadout([modelsCommand], ['models'], {
      ...base(),
      LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'loadout models: LM Studio is not running at http://127.0.0.1:9 (from the LOADOUT_LMSTUDIO_URL environment variable). Open LM Studio and start its server (Developer tab → Start server, or `lms server start`), or point Loadout at the right address (--lmstudio URL, LOADOUT_LMSTUDIO_URL or settings).\n',
    );
  });

  it('refuses a --lmstudio URL with a password in it, saying where the token goes', async () => {
    const run = await runLoadout([modelsCommand], ['models', '--lmstudio', 'http://me:pw@127.0.0.1:1234'], base());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      '--lmstudio "http://me:pw@127.0.0.1:1234" cannot be used: a user name or password inside the URL is not how LM Studio takes a token: remove it from the URL and set LM_API_TOKEN',
    );
  });
});
