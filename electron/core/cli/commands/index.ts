/** Every `loadout` sub-command, in the order `loadout help` lists them. Add a command here and nowhere else. */
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
