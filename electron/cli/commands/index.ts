/** Every `loadout` sub-command, in the order `loadout help` lists them. Add a command here and nowhere else. */
import type { CliCommand } from '../command';
import { benchCommand } from './bench';
import { configCommand } from './config';
import { energyCommand } from './energy';
import { serveCommand } from './serve';
import { profileCommand } from './profile';
import { monitorCommand } from './monitor';
import { modelsCommand } from './models';
import { presetsCommand } from './presets';
import { applyCommand } from './apply';
import { unloadCommand } from './unload';
import { routeCommand } from './route';
import { chatCommand } from './chat';
import { mcpCommand } from './mcp';
import { machinesCommand } from './machines';
import { gamingCommand } from './gaming';

export const commands: CliCommand[] = [
  profileCommand,
  monitorCommand,
  serveCommand,
  energyCommand,
  configCommand,
  modelsCommand,
  presetsCommand,
  applyCommand,
  unloadCommand,
  routeCommand,
  chatCommand,
  benchCommand,
  mcpCommand,
  machinesCommand,
  gamingCommand,
];
