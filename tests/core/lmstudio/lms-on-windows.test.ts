/** The Windows branches of finding and running `lms`, with Windows inputs, on any machine. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import type { ProcessResult, RunProcess } from '../../../electron/core/lmstudio/client-types';
import { isExecutableFile, lmsCandidates } from '../../../electron/core/lmstudio/lms-locate';
import { resolveLmStudioHome } from '../../../electron/core/lmstudio/lmstudio-home';

const files = (map: Record<string, string>) => (file: string) => map[file] ?? null;

describe("LM Studio's home", () => {
  it('on Windows is under the profile folder (os.homedir), not the HOME that MSYS2 and Cygwin set', () => {
    const home = resolveLmStudioHome({
      env: { HOME: '/home/ana' },
      platform: 'win32',
      homedir: () => 'C:\\Users\\Ana',
      readText: files({}),
    });
    expect(home).toBe('C:\\Users\\Ana\\.lmstudio');
  });

  it('follows ~/.lmstudio-home-pointer when LM Studio moved its home', () => {
    const pointer = { 'C:\\Users\\Ana\\.lmstudio-home-pointer': '\uFEFFD:\\IA\\lmstudio\r\n' };
    expect(
      resolveLmStudioHome({ env: {}, platform: 'win32', homedir: () => 'C:\\Users\\Ana', readText: files(pointer) }),
    ).toBe('D:\\IA\\lmstudio');
    const linux = { '/home/ana/.lmstudio-home-pointer': '/home/ana/.cache/lm-studio\n' };
    expect(
      resolveLmStudioHome({
        env: { HOME: '/home/ana' },
        platform: 'linux',
        homedir: () => '/root',
        readText: files(linux),
      }),
    ).toBe('/home/ana/.cache/lm-studio');
    expect(
      resolveLmStudioHome({
        env: { HOME: '/home/ana' },
        platform: 'linux',
        homedir: () => '/root',
        readText: files({ '/home/ana/.lmstudio-home-pointer': '  \n' }),
      }),
    ).toBe('/home/ana/.lmstudio');
  });
});

describe('lms on Windows', () => {
  it('looks in <home>\\bin\\lms.exe, then PATH with its quotes taken off', () => {
    const env = { Path: 'C:\\Windows\\system32;"C:\\Program Files\\LM Studio\\bin";;' };
    expect(lmsCandidates({ env, lmStudioHome: 'D:\\IA\\lmstudio', platform: 'win32' })).toEqual([
      'D:\\IA\\lmstudio\\bin\\lms.exe',
      'C:\\Windows\\system32\\lms.exe',
      'C:\\Program Files\\LM Studio\\bin\\lms.exe',
    ]);
  });

  it('counts a file without the execute bit as runnable on Windows only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-exe-'));
    const file = path.join(dir, 'lms.exe');
    fs.writeFileSync(file, 'MZ');
    fs.chmodSync(file, 0o644);
    try {
      expect(await isExecutableFile(file, 'win32')).toBe(true);
      if (process.platform !== 'win32') expect(await isExecutableFile(file, 'linux')).toBe(false);
      expect(await isExecutableFile(path.join(dir, 'missing.exe'), 'win32')).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a LOADOUT_LMS that is a .cmd or .bat, naming the .exe to use', async () => {
    let ran = false;
    const client = createLmStudioClient({
      baseUrl: 'http://127.0.0.1:9',
      env: { LOADOUT_LMS: 'C:\\tools\\lms.cmd' },
      platform: 'win32',
      lmStudioHome: 'C:\\Users\\Ana\\.lmstudio',
      fileExists: async () => true,
      runProcess: async () => ((ran = true), { exitCode: 0, stdout: '[]', stderr: '' }),
    });
    const error = await client.listProcesses().catch((e: Error & { code: string }) => e);
    expect(error).toMatchObject({ code: 'lms-missing' });
    expect((error as Error).message).toBe(
      'LOADOUT_LMS points at C:\\tools\\lms.cmd, a batch file, which Loadout cannot start (it runs programs without a shell). Point LOADOUT_LMS at the .exe itself. It is usually C:\\Users\\Ana\\.lmstudio\\bin\\lms.exe.',
    );
    expect(ran).toBe(false);
  });

  it('runs lms with colours off and strips the ANSI codes that slip through', async () => {
    const seen: NodeJS.ProcessEnv[] = [];
    const run: RunProcess = async (_file, _args, options): Promise<ProcessResult> => {
      seen.push(options.env);
      return { exitCode: 1, stdout: '', stderr: '\u001b[31mError:\u001b[0m model \u001b[1mqwen\u001b[22m is busy' };
    };
    const client = createLmStudioClient({
      baseUrl: 'http://127.0.0.1:9',
      env: { LOADOUT_LMS: 'C:\\lms\\lms.exe' },
      platform: 'win32',
      lmStudioHome: 'C:\\x',
      fileExists: async () => true,
      runProcess: run,
    });
    const error = (await client.listProcesses().catch((e: Error) => e)) as Error;
    expect(error.message).toBe('`lms ps --json` failed (exit 1): model qwen is busy.');
    expect(seen[0]).toMatchObject({ NO_COLOR: '1', FORCE_COLOR: '0' });
  });
});
