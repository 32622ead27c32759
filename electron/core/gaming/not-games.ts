/**
 * Processes that are never a game, whatever folder they run from or VRAM they hold: the store
 * launchers (they sit inside the library folders and stay open after the game) and LM Studio itself.
 */
import { normalizeExeName } from './exe-name';
import type { RunningProcess } from './process-list';

const LAUNCHERS = [
  'steam',
  'steamwebhelper',
  'steamservice',
  'steamerrorreporter',
  'gameoverlayui',
  'gameoverlayui64',
  'epicgameslauncher',
  'epicwebhelper',
  'epiconlineservices',
  'epiconlineserviceshost',
  'eosoverlayrenderer-win64-shipping',
  'galaxyclient',
  'galaxyclient helper',
  'galaxycommunication',
  'gogalaxynotifications',
  'gamebar',
  'gamebarftserver',
  'xboxapp',
  'xboxpcapp',
  'gamingservices',
  'gamingservicesnet',
  'crashhandler',
  'unitycrashhandler64',
  'unitycrashhandler32',
  'crashreportclient',
];

const LM_STUDIO = ['lm studio', 'lm-studio', 'lmstudio', 'lms', 'llmster'];

const NEVER = new Set([...LAUNCHERS, ...LM_STUDIO]);

/** LM Studio's install and helper folders: its node/python helpers run from there under generic names. */
const LM_STUDIO_FOLDER = /[\\/](lm[ -]?studio|\.lmstudio|\.cache[\\/]lm-studio)[\\/]/i;

/** True for a launcher or an LM Studio process, which no source may report as a game. */
export function isNeverAGame(proc: Pick<RunningProcess, 'exe' | 'path'>): boolean {
  if (NEVER.has(normalizeExeName(proc.exe))) return true;
  return proc.path !== null && LM_STUDIO_FOLDER.test(proc.path);
}
