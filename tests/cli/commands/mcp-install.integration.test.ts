/**
 * `loadout mcp install` on temporary copies of realistic client config files: other servers (one with
 * a Windows path and a secret in its env), Claude Code's many other keys, a hand-broken file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliCommand } from '../../../electron/cli/command';
import {
  runMcpInstall,
  systemInstallDeps,
  type McpInstallDeps,
} from '../../../electron/cli/mcp-install/mcp-install-command';
import { writeClientConfig } from '../../../electron/cli/mcp-install/write-client-config';
import { runLoadout } from '../../support/cli-harness';

const LAUNCH = {
  command: '/usr/local/bin/node',
  args: ['/opt/loadout/out/cli/loadout.mjs', 'mcp'],
  how: 'Node running the built CLI',
};

const DESKTOP_CONFIG = `{
    "mcpServers": {
        "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "C:\\\\Users\\\\ana\\\\Documents"]
        },
        "github": {
            "command": "docker",
            "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
            "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_example" }
        }
    },
    "globalShortcut": "Ctrl+Space"
}
`;

const CLAUDE_JSON = {
  numStartups: 41,
  installMethod: 'npm-global',
  autoUpdates: true,
  theme: 'dark',
  hasCompletedOnboarding: true,
  projects: {
    '/home/ana/src/site': {
      allowedTools: [],
      mcpServers: { playwright: { type: 'stdio', command: 'npx', args: ['@playwright/mcp@latest'], env: {} } },
    },
  },
  mcpServers: { context7: { type: 'stdio', command: 'npx', args: ['-y', '@upstash/context7-mcp'], env: {} } },
};

let tmp: string;
let home: string;
let cwd: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-install-'));
  home = path.join(tmp, 'home');
  cwd = path.join(tmp, 'project');
  fs.mkdirSync(home);
  fs.mkdirSync(cwd);
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const desktopFile = () => path.join(home, '.config', 'Claude', 'claude_desktop_config.json');
const backups = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.loadout-backup-'));

function deps(env: NodeJS.ProcessEnv = {}): McpInstallDeps {
  return {
    facts: { platform: 'linux', env, homedir: home, cwd },
    launch: () => LAUNCH,
    now: () => new Date(2026, 11, 5, 14, 30, 0),
  };
}

/** `loadout mcp install …` as the CLI runs it (usage errors exit 2, refusals 1). */
function install(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const mcp: CliCommand = {
    name: 'mcp',
    summary: '',
    usage: 'mcp install …',
    run: (args, io) => runMcpInstall(args.slice(1), io, deps(env)),
  };
  return runLoadout([mcp], ['mcp', 'install', ...argv], env);
}

function writeDesktop(text: string) {
  fs.mkdirSync(path.dirname(desktopFile()), { recursive: true });
  fs.writeFileSync(desktopFile(), text);
}

describe('loadout mcp install claude-desktop', () => {
  it("adds loadout beside the other servers and keys, leaves the user's formatting as it was, and writes a backup of the file as it was", async () => {
    writeDesktop(DESKTOP_CONFIG);
    const run = await install(['claude-desktop']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Added Loadout to Claude Desktop's config: ${desktopFile()}`);
    expect(run.stdout).toMatch(/Quit Claude Desktop completely/);
    const text = fs.readFileSync(desktopFile(), 'utf8');
    const after = JSON.parse(text);
    const before = JSON.parse(DESKTOP_CONFIG);
    expect(after.mcpServers.filesystem).toEqual(before.mcpServers.filesystem);
    expect(after.mcpServers.github).toEqual(before.mcpServers.github);
    expect(after.globalShortcut).toBe('Ctrl+Space');
    expect(after.mcpServers.loadout).toEqual({ command: LAUNCH.command, args: LAUNCH.args });
    // Every line of the file as it was is still there (the one-line arrays included); only the new entry is added.
    const lines = new Set(text.split('\n'));
    expect(DESKTOP_CONFIG.split('\n').filter((line) => !lines.has(line) && !lines.has(`${line},`))).toEqual([]);
    expect(text).toMatch(/^ {8}"loadout": \{$/m);
    const [backup] = backups(path.dirname(desktopFile()));
    expect(backup).toBe('claude_desktop_config.json.loadout-backup-20261205-143000');
    expect(fs.readFileSync(path.join(path.dirname(desktopFile()), backup!), 'utf8')).toBe(DESKTOP_CONFIG);
  });

  it('changes nothing and writes no backup when loadout is already there with the same command', async () => {
    writeDesktop(DESKTOP_CONFIG);
    await install(['claude-desktop']);
    const once = fs.readFileSync(desktopFile(), 'utf8');
    const again = await install(['claude-desktop']);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toMatch(/already in Claude Desktop's config .* nothing changed/);
    expect(fs.readFileSync(desktopFile(), 'utf8')).toBe(once);
    expect(backups(path.dirname(desktopFile()))).toHaveLength(1);
  });

  it('shows the change as a diff with --dry-run and writes nothing', async () => {
    writeDesktop(DESKTOP_CONFIG);
    const run = await install(['claude-desktop', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`--- ${desktopFile()}`);
    expect(run.stdout).toMatch(/^\+ {8}"loadout": \{$/m);
    expect(run.stdout).toMatch(/^\+ {12}"command": "\/usr\/local\/bin\/node",$/m);
    // Only lines added: the other servers' lines are untouched.
    expect(run.stdout.split('\n').filter((line) => /^-(?!--)/.test(line))).toEqual([]);
    expect(run.stdout).toMatch(/Dry run: nothing was written/);
    expect(fs.readFileSync(desktopFile(), 'utf8')).toBe(DESKTOP_CONFIG);
    expect(backups(path.dirname(desktopFile()))).toEqual([]);
  });

  it('refuses a malformed file with where it breaks and what to do, and never overwrites it', async () => {
    const broken = DESKTOP_CONFIG.replace('"globalShortcut"', '"globalShortcut",,');
    writeDesktop(broken);
    const run = await install(['claude-desktop']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${desktopFile()} is not valid JSON (line 13, column`);
    expect(run.stderr).toMatch(/Fix that spot .* run the install again; `loadout mcp install --print` shows the entry/);
    expect(fs.readFileSync(desktopFile(), 'utf8')).toBe(broken);
    expect(backups(path.dirname(desktopFile()))).toEqual([]);
  });

  it('refuses a file whose mcpServers is not an object of servers, or that is a list', async () => {
    writeDesktop('{ "mcpServers": ["filesystem"] }\n');
    const run = await install(['claude-desktop']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/"mcpServers" in .* is not an object of servers/);
    writeDesktop('[]');
    expect((await install(['claude-desktop'])).stderr).toMatch(/holds a list instead of a JSON object/);
  });

  it('creates the folder and file when Claude Desktop has none yet, and keeps CRLF line ends of an existing one', async () => {
    const run = await install(['claude-desktop']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/did not exist; it was created/);
    expect(JSON.parse(fs.readFileSync(desktopFile(), 'utf8'))).toEqual({
      mcpServers: { loadout: { command: LAUNCH.command, args: LAUNCH.args } },
    });
    writeDesktop(DESKTOP_CONFIG.replace(/\n/g, '\r\n'));
    await install(['claude-desktop']);
    expect(
      fs
        .readFileSync(desktopFile(), 'utf8')
        .split('\n')
        .every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true);
  });

  it("passes LOADOUT_HOME on to the server so the client's Loadout reads the same data", async () => {
    const run = await install(['claude-desktop'], { LOADOUT_HOME: '/srv/loadout-data' });
    expect(run.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(desktopFile(), 'utf8')).mcpServers.loadout.env).toEqual({
      LOADOUT_HOME: '/srv/loadout-data',
    });
  });
});

describe('loadout mcp install claude-code', () => {
  it("adds a stdio entry to ~/.claude.json's user servers, keeping every other key and the per-project servers", async () => {
    fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify(CLAUDE_JSON, null, 2));
    fs.chmodSync(path.join(home, '.claude.json'), 0o600);
    const run = await install(['claude-code']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Added Loadout to Claude Code's user config/);
    const after = JSON.parse(fs.readFileSync(path.join(home, '.claude.json'), 'utf8'));
    expect(after).toEqual({
      ...CLAUDE_JSON,
      mcpServers: { ...CLAUDE_JSON.mcpServers, loadout: { type: 'stdio', command: LAUNCH.command, args: LAUNCH.args } },
    });
    expect(fs.statSync(path.join(home, '.claude.json')).mode & 0o777).toBe(0o600);
    expect(backups(home)).toHaveLength(1);
  });

  it('updates an older loadout entry instead of adding a second one', async () => {
    fs.writeFileSync(
      path.join(home, '.claude.json'),
      JSON.stringify(
        { mcpServers: { loadout: { type: 'stdio', command: 'npx', args: ['tsx', 'old/main.ts', 'mcp'] } } },
        null,
        2,
      ),
    );
    const run = await install(['claude-code']);
    expect(run.stdout).toMatch(/Updated Loadout in Claude Code's user config/);
    expect(JSON.parse(fs.readFileSync(path.join(home, '.claude.json'), 'utf8')).mcpServers.loadout.command).toBe(
      LAUNCH.command,
    );
  });

  it('writes the project scope to .mcp.json in the working folder', async () => {
    const run = await install(['claude-code', '--scope', 'project']);
    expect(run.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, '.mcp.json'), 'utf8')).mcpServers.loadout.type).toBe('stdio');
    expect(run.stdout).toMatch(/approve the "loadout" server/);
    expect(fs.existsSync(path.join(home, '.claude.json'))).toBe(false);
  });

  it('takes the project folder from INIT_CWD under `npm run loadout`, which runs in the package root', () => {
    expect(systemInstallDeps({ INIT_CWD: cwd }).facts.cwd).toBe(cwd);
    expect(systemInstallDeps({}).facts.cwd).toBe(process.cwd());
  });

  it('prints the exact claude mcp add line with --print, writing nothing', async () => {
    const run = await install(['claude-code', '--print', '--scope', 'project']);
    expect(run).toMatchObject({
      code: 0,
      stdout: 'claude mcp add --scope project loadout -- /usr/local/bin/node /opt/loadout/out/cli/loadout.mjs mcp\n',
    });
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});

describe('loadout mcp install --print and bad arguments', () => {
  it('prints the mcpServers JSON any other client takes', async () => {
    const run = await install(['--print']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ mcpServers: { loadout: { command: LAUNCH.command, args: LAUNCH.args } } });
    expect(run.stderr).toMatch(/It starts Node running the built CLI/);
  });

  it('exits 2 with what to type for an unknown client, a missing one, or a scope Claude Desktop lacks', async () => {
    const unknown = await install(['cursor']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown client "cursor": use claude-code or claude-desktop, or --print/);
    expect((await install([])).stderr).toMatch(/which client\?/);
    expect((await install(['claude-desktop', '--scope', 'project'])).code).toBe(2);
    expect((await install(['claude-code', '--scope', 'global'])).stderr).toMatch(
      /--scope is user or project, not "global"/,
    );
    expect(fs.existsSync(desktopFile())).toBe(false);
  });
});

describe('writing a client config', () => {
  it('refuses to overwrite a file that changed since it was read (the client saved it meanwhile)', () => {
    const file = path.join(home, '.claude.json');
    fs.writeFileSync(file, '{"numStartups": 42}');
    expect(() => writeClientConfig(file, '{"numStartups": 41}', '{}', new Date())).toThrow(
      /changed while Loadout was editing it/,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('{"numStartups": 42}');
    expect(backups(home)).toEqual([]);
  });
});
