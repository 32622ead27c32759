/**
 * The built CLI (scripts/build-cli.mjs) loads a command's modules only when that command runs: `help`
 * and a mistyped command load no package at all, while `config get` still runs through its lazily loaded
 * module. Every module the process resolves is recorded by tests/support/module-trace-hook.mjs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script, without types
import { buildCli } from '../../../scripts/build-cli.mjs';
import { buildNvmlStub, hasCompiler } from '../../fakes/nvml/build-nvml-stub';
import { runProcess } from '../../support/cli-harness';
import { FAKE_SMI } from '../../support/fake-smi';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
const HOOK = path.join(ROOT, 'tests/support/module-trace-hook.mjs');
const HEAVY = ['openai', 'conf', 'zod', 'systeminformation', '@huggingface/gguf'];
// Inside the checkout, so the bundle's bare imports resolve from node_modules as out/cli's do.
const outdir = path.join(ROOT, 'out', `.cli-start-test-${process.pid}`);
let entry: string;
let home: string;

beforeAll(async () => {
  entry = (await buildCli(outdir)) as string;
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-cli-start-'));
}, 60_000);
afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

/** Run the built CLI; resolves to its output and the packages (node_modules folders) it loaded. */
async function traced(args: string[], extraEnv: Record<string, string> = {}) {
  const trace = path.join(home, `trace-${args.join('-')}.txt`);
  const out = await runProcess(process.execPath, ['--import', HOOK, entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, LOADOUT_HOME: home, LOADOUT_MODULE_TRACE: trace, ...extraEnv },
  });
  const urls = fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [];
  const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter(Boolean));
  return { ...out, urls, packages };
}

describe('the built loadout CLI start', () => {
  it('prints help without loading any package or command module', async () => {
    const run = await traced(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('monitor');
    expect(run.urls.length).toBeGreaterThan(0); // the hook saw the entry: an empty trace would prove nothing
    for (const name of HEAVY) expect(run.packages.has(name), name).toBe(false);
    expect([...run.packages]).toEqual([]);
    expect(run.urls.filter((u) => /\/chunks\/(monitor|chat|bench|serve|config)-/.test(u))).toEqual([]);
  });

  it('answers a mistyped command without loading any package', async () => {
    const run = await traced(['moniter']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Did you mean "monitor"?');
    expect([...run.packages]).toEqual([]);
  });

  it('loads a command, and what it needs, when it runs', async () => {
    const run = await traced(['config', 'get', 'energy.tariff']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.urls.some((u) => /\/chunks\/config-/.test(u))).toBe(true);
    expect(run.packages.has('zod')).toBe(true);
  });

  it('reads monitor --once without the agent connection, the ledger or the running-app client', async () => {
    const run = await traced(['monitor', '--once', '--json'], { LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: FAKE_SMI });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).gpus).toHaveLength(1);
    // ws and zod come with --machine or a running app, conf with the ledger (not written for one reading),
    // systeminformation with the machine inventory (not listed by the monitor).
    for (const name of ['ws', 'zod', 'conf', 'systeminformation', 'openai', '@huggingface/gguf'])
      expect(run.packages.has(name), name).toBe(false);
  });

  it.skipIf(!hasCompiler())('reads monitor --once through NVML on the loop, starting no worker thread', async () => {
    const run = await traced(['monitor', '--once', '--json'], {
      LOADOUT_NVML: buildNvmlStub(),
      LOADOUT_NVIDIA_SMI: '/nonexistent',
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).gpus.length).toBeGreaterThan(0); // the reading came from the stub library
    expect(run.urls.filter((u) => /nvml-worker/.test(u))).toEqual([]);
  });
});
