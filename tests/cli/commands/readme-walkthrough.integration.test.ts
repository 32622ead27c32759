/**
 * The README's `npm run loadout -- …` lines, run as written (through bash: quotes, `>` and `&&` as a
 * user's shell reads them) against the LM Studio emulator, the fake `lms` and the fake nvidia-smi, in
 * a temporary folder with a fresh LOADOUT_HOME. The WALK list below says what each line must do; the
 * first test fails when a README line has no entry or an entry no longer matches a README line, so
 * the two cannot drift apart. Only `npm run [-s] loadout --` is replaced (by the CLI from source, as
 * the npm script runs it), and only the entries that say so run with other words (`run`), with why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator/index';
import { runProcess, type ProcessOutput } from '../../support/cli-harness';

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

interface Step {
  /** The README line, without its `# comment`. */
  readme: string;
  /** What runs instead, when the line as written cannot (a placeholder, a command that never ends); say why beside it. */
  run?: string;
  /** Not run at all: why, and which test covers it. */
  skip?: string;
  code: number;
  stdout?: RegExp;
  stderr?: RegExp;
}

// In the order a user would follow them (state carries over: the import reads what export wrote, chat needs a loaded model).
const WALK: Step[] = [
  { readme: 'npm run loadout -- profile', code: 0, stdout: /^# Hardware Specifications - Machine Profile$/m },
  // `monitor` samples until Ctrl+C; --once (named in the README line's comment) takes one sample.
  {
    readme: 'npm run loadout -- monitor',
    run: 'npm run loadout -- monitor --once',
    code: 0,
    stdout: /^\d\d:\d\d:\d\d .*140\.4/m,
  },
  { readme: 'npm run loadout -- models', code: 0, stdout: /qwen2\.5-7b-instruct/ },
  { readme: 'npm run loadout -- presets', code: 0, stdout: /^dev — /m },
  { readme: 'npm run -s loadout -- presets export dev > dev.json', code: 0 },
  {
    readme: 'npm run loadout -- presets import dev.json --replace',
    code: 0,
    stdout: /^Imported 1 preset\(s\): dev\.$/m,
  },
  { readme: 'npm run loadout -- apply multi-agent --dry-run', code: 0, stdout: /load/ },
  { readme: 'npm run loadout -- apply multi-agent', code: 0, stdout: /qwen2\.5-coder-14b-instruct/ },
  {
    readme: 'npm run loadout -- route "Why does this stack trace crash?" --json',
    code: 0,
    stdout: /^\{"choice":\{"modelKey":"qwen2\.5-coder-14b-instruct"/,
  },
  { readme: 'npm run loadout -- chat "Resuma este texto: ..."', code: 0, stdout: /\S/ },
  // MODEL is a placeholder; one run keeps the 16-prompt suite short.
  {
    readme: 'npm run loadout -- bench MODEL',
    run: 'npm run loadout -- bench qwen2.5-7b-instruct --runs 1',
    code: 0,
    stdout: /Stored as #1\./,
  },
  { readme: 'npm run loadout -- bench list', code: 0, stdout: /^#1 {2}/m },
  // ID is a placeholder: the result stored above.
  {
    readme: 'npm run loadout -- bench rate ID --rating 4 --best-for "código" --issues "Nenhum"',
    run: 'npm run loadout -- bench rate 1 --rating 4 --best-for "código" --issues "Nenhum"',
    code: 0,
    stdout: /\(4\/5\)/,
  },
  // [ID...] is optional: without it, every result.
  {
    readme: 'npm run loadout -- bench export [ID...]',
    run: 'npm run loadout -- bench export',
    code: 0,
    stdout: /^## Qwen2\.5 7B Instruct/m,
  },
  { readme: 'npm run loadout -- energy', code: 0, stdout: /kWh/ },
  { readme: 'npm run loadout -- config set energy.tariff 0.89', code: 0, stdout: /^energy\.tariff = 0\.89$/m },
  { readme: 'npm run loadout -- config get energy', code: 0, stdout: /"tariff": 0\.89/ },
  { readme: 'npm run loadout -- unload --all', code: 0 },
  // No machine "lab" in a fresh LOADOUT_HOME: it says so and how to add one; the agents are in machine-flag*.integration.test.ts.
  {
    readme: 'npm run loadout -- apply light --machine lab',
    code: 1,
    stderr: /No machine named "lab": no machines are added yet\. Add one with `loadout machines add lab URL`/,
  },
  {
    readme: `npm run loadout -- config set machines '[{"name":"workstation","url":"http://192.168.1.20:1234","kind":"lmstudio-only"}]'`,
    code: 0,
    stdout: /workstation/,
  },
  {
    readme: `npm run loadout -- config set routing.cloud '{"enabled":true,"baseUrl":"https://api.openai.com/v1","model":"gpt-4.1-mini","label":"OpenAI"}'`,
    code: 0,
    stdout: /gpt-4\.1-mini/,
  },
  {
    readme: 'npm run build && npm run loadout -- serve --openai',
    code: 0,
    skip: 'runs until stopped; tests/serve/serve-cli.integration.test.ts starts serve and checks what it prints',
  },
  {
    readme: 'LOADOUT_NVML=off LOADOUT_NVIDIA_SMI=tests/fakes/nvidia-smi/nvidia-smi npm run loadout -- monitor',
    run: 'LOADOUT_NVML=off LOADOUT_NVIDIA_SMI=tests/fakes/nvidia-smi/nvidia-smi npm run loadout -- monitor --once',
    code: 0,
    stdout: /140\.4/,
  },
  {
    readme: 'npm run loadout -- apply multi-agent && npm run loadout -- chat "Write a SQL query that counts users"',
    code: 0,
    stdout: /\S/,
  },
  // The install lines would edit the real ~/.claude.json and Claude Desktop's config: HOME (and XDG_CONFIG_HOME) point into the test folder.
  {
    readme: 'npm run loadout -- mcp install claude-code',
    run: 'CLAUDE_CONFIG_DIR= HOME="$PWD/claude-home" npm run loadout -- mcp install claude-code',
    code: 0,
    stdout: /^Added Loadout to Claude Code's user config: .*claude-home\/\.claude\.json$/m,
  },
  {
    readme: 'npm run loadout -- mcp install claude-desktop --dry-run',
    run: 'HOME="$PWD/claude-home" XDG_CONFIG_HOME="$PWD/claude-home/.config" npm run loadout -- mcp install claude-desktop --dry-run',
    code: 0,
    stdout: /^\+ {4}"loadout": \{$[\s\S]*Dry run: nothing was written/m,
  },
  { readme: 'npm run loadout -- mcp install --print', code: 0, stdout: /^ {4}"loadout": \{$/m },
  // The shell's `loadout` is the CLI from source here, as `npm link` makes it the built one for a user.
  { readme: 'loadout help', code: 0, stdout: /^ {2}gaming {4}Gaming mode: /m },
  {
    readme: 'npm run loadout -- gaming on',
    code: 0,
    stdout: /^Gaming mode is now on in the settings\. .*neither is running now\./m,
  },
];

/** Every README line, inside a ```sh block, that runs `npm run [-s] loadout --`, without its trailing comment. */
function readmeCommands(): string[] {
  const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split('\n'))
    .filter((line) => /npm run (-s )?loadout -- /.test(line))
    .map((line) => line.replace(/\s+#\s.*$/, '').trim());
}

let emulator: LmStudioEmulator;
let dir: string;

beforeAll(async () => {
  emulator = await createLmStudioEmulator({ tokensPerSecond: 2000, timeToFirstTokenMs: 5, loadMsPerGb: 2 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-readme-'));
  // The README's relative paths (tests/fakes/…) resolve as in a checkout; files it writes (dev.json) land here.
  fs.symlinkSync(path.join(root, 'tests'), path.join(dir, 'tests'));
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Run one README line in bash, `npm run [-s] loadout --` being the CLI from source and `npm run build` a no-op. */
function shell(line: string): Promise<ProcessOutput> {
  const script = [
    `loadout() { "${tsx}" "${path.join(root, 'electron/cli/main.ts')}" "$@"; }`,
    line.replace(/npm run build && /g, '').replace(/npm run (-s )?loadout -- /g, 'loadout '),
  ].join('\n');
  // The README's "Trying it" environment: the emulator, the fake lms and nvidia-smi, replayed readings stamped now.
  const env = {
    ...process.env,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_LMS: 'tests/fakes/lms/lms',
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: 'tests/fakes/nvidia-smi/nvidia-smi',
    FAKE_NVSMI_NOW: '1',
    LOADOUT_HOME: path.join(dir, 'home'),
    LM_API_TOKEN: '',
  };
  return runProcess('bash', ['-c', script], { cwd: dir, env });
}

describe('the README walk-through', () => {
  it('has one entry per README command line, and no entry the README lost', () => {
    expect(WALK.map((s) => s.readme).sort()).toEqual(readmeCommands().sort());
  });

  // Each line starts a fresh tsx process (seconds on a busy machine): generous timeout, no timing assertions.
  it(
    'runs every README command line against the emulator with the exit code and output it promises',
    { timeout: 600_000 },
    async () => {
      for (const step of WALK) {
        if (step.skip) continue;
        const run = await shell(step.run ?? step.readme);
        const what = `${step.run ?? step.readme}\nstdout: ${run.stdout.slice(-800)}\nstderr: ${run.stderr.slice(-800)}`;
        expect(run.code, what).toBe(step.code);
        if (step.stdout) expect(run.stdout, what).toMatch(step.stdout);
        if (step.stderr) expect(run.stderr, what).toMatch(step.stderr);
        if (step.readme.includes('> dev.json'))
          expect(JSON.parse(fs.readFileSync(path.join(dir, 'dev.json'), 'utf8'))).toMatchObject({ id: 'dev' });
      }
    },
  );
});
