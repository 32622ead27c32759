/** The command table lists each command without loading it: its name and summary match the module it loads. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands/index';
import { runLoadout } from '../../support/cli-harness';

describe('the lazy command table', () => {
  it('loads, for every entry, the command of that name with the summary help shows', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const loaded = await entry.load();
      expect(loaded.name, entry.name).toBe(entry.name);
      expect(loaded.summary, entry.name).toBe(entry.summary);
    }
  });

  it('prints a command usage with --help once the command is loaded', async () => {
    const out = await runLoadout(commands, ['config', '--help'], {});
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(
      'usage: loadout config get [KEY] | config set KEY VALUE\n  Read or change a setting: config get [KEY], config set KEY VALUE (e.g. config set energy.tariff 0.89).\n',
    );
  });
});
