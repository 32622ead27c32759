import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claudeMcpAddLine, quoteArg } from '../../../electron/cli/mcp-install/claude-add-line';
import { resolveLoadoutLaunch } from '../../../electron/cli/mcp-install/loadout-launch-command';

const root = '/home/ana/loadout';
const has =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('the command a client runs to start loadout mcp', () => {
  it('is the standalone executable itself in an installed app', () => {
    const launch = resolveLoadoutLaunch({
      standalone: true,
      execPath: 'C:\\Program Files\\Loadout\\resources\\cli\\loadout.exe',
      packageRoot: null,
      exists: has(),
    });
    expect(launch).toMatchObject({ command: 'C:\\Program Files\\Loadout\\resources\\cli\\loadout.exe', args: ['mcp'] });
  });

  it('is Node with the built CLI in a checkout that has one, before tsx', () => {
    const built = path.join(root, 'out/cli/loadout.mjs');
    const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
    const launch = resolveLoadoutLaunch({
      standalone: false,
      execPath: '/usr/bin/node',
      packageRoot: root,
      exists: has(built, tsx, path.join(root, 'electron/cli/main.ts')),
    });
    expect(launch).toMatchObject({ command: '/usr/bin/node', args: [built, 'mcp'] });
  });

  it('falls back to tsx over the source, saying it starts slower and how to build', () => {
    const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
    const main = path.join(root, 'electron/cli/main.ts');
    const launch = resolveLoadoutLaunch({
      standalone: false,
      execPath: '/usr/bin/node',
      packageRoot: root,
      exists: has(tsx, main),
    });
    expect(launch.args).toEqual([tsx, main, 'mcp']);
    expect(launch.how).toMatch(/npm run build:cli/);
  });

  it('says what to do when it cannot tell', () => {
    expect(() =>
      resolveLoadoutLaunch({ standalone: false, execPath: '/usr/bin/node', packageRoot: null, exists: has() }),
    ).toThrow(/npm run build:cli/);
  });
});

describe('the claude mcp add line', () => {
  const launch = {
    command: 'C:\\Program Files\\nodejs\\node.exe',
    args: ['C:\\src\\loadout\\out\\cli\\loadout.mjs', 'mcp'],
    how: '',
  };

  it('quotes a Windows path with spaces in double quotes and keeps the name before -e', () => {
    expect(claudeMcpAddLine(launch, 'user', { LOADOUT_HOME: 'D:\\Loadout data' }, 'win32')).toBe(
      'claude mcp add --scope user loadout -e "LOADOUT_HOME=D:\\Loadout data" -- "C:\\Program Files\\nodejs\\node.exe" C:\\src\\loadout\\out\\cli\\loadout.mjs mcp',
    );
  });

  it('quotes for POSIX shells with single quotes', () => {
    expect(quoteArg("/Users/ana/it's here/node", 'darwin')).toBe("'/Users/ana/it'\\''s here/node'");
    expect(quoteArg('/usr/bin/node', 'linux')).toBe('/usr/bin/node');
    expect(
      claudeMcpAddLine(
        { command: '/usr/bin/node', args: ['/opt/loadout/out/cli/loadout.mjs', 'mcp'], how: '' },
        'project',
        {},
        'linux',
      ),
    ).toBe('claude mcp add --scope project loadout -- /usr/bin/node /opt/loadout/out/cli/loadout.mjs mcp');
  });
});
