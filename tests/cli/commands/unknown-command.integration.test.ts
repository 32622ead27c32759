/** A mistyped command exits 2 and names the command the user probably meant. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands/index';
import { runLoadout } from '../../support/cli-harness';

describe('loadout <unknown command>', () => {
  it('suggests apply for aply, and only the help for an unrelated word', async () => {
    const typo = await runLoadout(commands, ['aply', 'dev'], {});
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'loadout: unknown command "aply". Did you mean "apply"? Type `loadout help` to see the commands.\n',
    );
    const unrelated = await runLoadout(commands, ['frobnicate'], {});
    expect(unrelated.code).toBe(2);
    expect(unrelated.stderr).toBe('loadout: unknown command "frobnicate". Type `loadout help` to see the commands.\n');
  });
});
