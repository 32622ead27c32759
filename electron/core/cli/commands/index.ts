/** Every `loadout` sub-command, in the order `loadout help` lists them. Add a command here and nowhere else. */
import type { CliCommand } from '../command';
import { serveCommand } from './serve';
import { profileCommand } from './profile';
import { monitorCommand } from './monitor';

export const commands: CliCommand[] = [profileCommand, monitorCommand, serveCommand];
