/**
 * The standalone `loadout` executable (a Node single-executable application) as an installed app runs
 * it: no Node on PATH, koffi from the app's unpacked files, node:sqlite inside. Building it takes about
 * half a minute and 120 MiB, so `npm test` does not: run `npm run build:cli-exe` first, and this file
 * tests what it built (and says it skipped otherwise).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator/index';
import { buildNvmlStub, hasCompiler } from '../../fakes/nvml/build-nvml-stub';
import { runProcess, type ProcessOutput } from '../../support/cli-harness';

const root = path.resolve(__dirname, '../../..');
const built = path.join(
  root,
  'out',
  'cli-exe',
  `${{ win32: 'win', darwin: 'mac' }[process.platform as string] ?? process.platform}-${process.arch}`,
);
const exeName = process.platform === 'win32' ? 'loadout.exe' : 'loadout';
const present = fs.existsSync(path.join(built, exeName));

let emulator: LmStudioEmulator;
let dir: string;
/** An installed app's resources folder: cli/ (the build output) and app.asar.unpacked/node_modules with koffi. */
let resources: string;

/** Hard-link (or copy) a tree, so the 120 MiB executable is not copied per test run. */
function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const [a, b] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) linkTree(a, b);
    else {
      try {
        fs.linkSync(a, b);
      } catch {
        fs.copyFileSync(a, b);
      }
    }
  }
}

/** Run the executable with a clean environment: only PATH without Node, LOADOUT_HOME and `env`. */
function run(exe: string, args: string[], env: Record<string, string> = {}): Promise<ProcessOutput> {
  return runProcess(exe, args, {
    cwd: dir,
    env: {
      PATH: '/usr/bin:/bin',
      LOADOUT_HOME: path.join(dir, 'home'),
      LOADOUT_LMSTUDIO_URL: emulator.url,
      LOADOUT_LMS: path.join(root, 'tests/fakes/lms/lms'),
      ...env,
    },
  });
}

describe.skipIf(!present)(
  `the standalone loadout executable (out/cli-exe; ${present ? 'built' : 'not built: run `npm run build:cli-exe`'})`,
  () => {
    beforeAll(async () => {
      emulator = await createLmStudioEmulator({ tokensPerSecond: 2000, timeToFirstTokenMs: 5, loadMsPerGb: 2 });
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-exe-'));
      resources = path.join(dir, 'Loadout', 'resources');
      linkTree(built, path.join(resources, 'cli'));
      for (const pkg of ['koffi', '@koromix'])
        fs.cpSync(
          path.join(root, 'node_modules', pkg),
          path.join(resources, 'app.asar.unpacked', 'node_modules', pkg),
          { recursive: true },
        );
    });
    afterAll(async () => {
      await emulator?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const installed = () => path.join(resources, 'cli', exeName);

    it('reports the version it was built from, whatever the package.json beside it says', async () => {
      const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
        .version;
      const shipped = path.join(resources, 'cli', 'package.json');
      const pkg = JSON.parse(fs.readFileSync(shipped, 'utf8')) as { version: string };
      expect(pkg.version).toBe(version);
      // A new file (not the hard link to out/cli-exe's): one version source, stamped in at build time.
      fs.rmSync(shipped);
      fs.writeFileSync(shipped, JSON.stringify({ ...pkg, version: '9.8.7' }));
      const result = await run(installed(), ['--version']);
      expect(result.code).toBe(0);
      expect(result.stdout.trim()).toBe(version);
    });

    it('lists LM Studio models without any Node on PATH', async () => {
      const result = await run(installed(), ['models']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/qwen2\.5-7b-instruct/);
    });

    it('writes and reads the energy ledger through node:sqlite', async () => {
      const gpu = {
        LOADOUT_NVML: 'off',
        LOADOUT_NVIDIA_SMI: path.join(root, 'tests/fakes/nvidia-smi/nvidia-smi'),
        FAKE_NVSMI_NOW: '1',
        PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      };
      const monitor = await run(installed(), ['monitor', '--count', '3', '--interval', '300', '--json'], gpu);
      expect(monitor.code, monitor.stderr).toBe(0);
      const result = await run(installed(), ['energy', '--json']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { kWh: number }).kWh).toBeGreaterThan(0);
    });

    it.skipIf(!hasCompiler())("reads NVML through the app's unpacked koffi (stub NVML; needs cc)", async () => {
      const result = await run(installed(), ['monitor', '--once', '--json'], { LOADOUT_NVML: buildNvmlStub() });
      expect(result.code).toBe(0);
      expect(result.stderr).not.toMatch(/koffi/);
      // The energy counter comes from NVML only (nvidia-smi is not on this PATH either).
      const sample = JSON.parse(result.stdout.trim().split('\n')[0]!) as {
        gpus: { name: string; energyCounterMJ: number | null }[];
      };
      expect(sample.gpus[0]).toMatchObject({ name: 'NVIDIA H200', energyCounterMJ: expect.any(Number) });
    });

    it('without koffi beside it, says why and reads the GPU from nvidia-smi instead', async () => {
      const alone = path.join(dir, 'alone');
      linkTree(built, alone);
      const result = await run(path.join(alone, exeName), ['monitor', '--once'], {
        LOADOUT_NVML: '/nonexistent/libnvidia-ml.so.1',
        LOADOUT_NVIDIA_SMI: path.join(root, 'tests/fakes/nvidia-smi/nvidia-smi'),
        PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      });
      expect(result.code).toBe(0);
      expect(result.stdout + result.stderr).toMatch(
        /koffi, which Loadout uses to read NVML, is not beside .*; GPU readings come from nvidia-smi instead\. Reinstall Loadout to restore NVML/,
      );
      expect(result.stdout).toMatch(/140\.4/);
    });
  },
);
