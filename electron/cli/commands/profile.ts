/** `loadout profile`: the machine's hardware profile and what models it can run, as Markdown or JSON. */
import type { MachineInventory } from '../../../shared/hardware/inventory';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import { PROFILE_LOCALES, type ProfileLocale } from '../../../shared/profile/profile-strings';
import { renderProfileMarkdown } from '../../../shared/profile/render-profile-markdown';
import { readMachineInventory } from '../../core/profile/read-machine-inventory';
import { resolveDataDir } from '../../core/paths';
import { SettingsStore } from '../../core/settings/settings-store';
import { cliLocale } from './energy';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs, positiveInt } from '../parse-args';
import { OUTPUT_OPTION, writeDocument } from '../write-output';

const USAGE = 'profile [--json] [--lang en|pt-BR] [--context TOKENS] [--output FILE]';

export interface ProfileCommandDeps {
  /** Reads the inventory (default: through the hardware monitor, honouring LOADOUT_NVML / LOADOUT_NVIDIA_SMI). */
  readInventory: (env: NodeJS.ProcessEnv) => Promise<MachineInventory>;
  now: () => Date;
}

/** --lang, else the one locale source: the UI language setting, else the terminal's locale. */
function parseLocale(value: string | undefined, env: NodeJS.ProcessEnv, note: (m: string) => void): ProfileLocale {
  if (value === undefined) {
    const settings = new SettingsStore({ dataDir: resolveDataDir(env), onRecovered: note }).get();
    return cliLocale(settings.ui.language, env);
  }
  const match = PROFILE_LOCALES.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`--lang must be one of ${PROFILE_LOCALES.join(', ')}, got "${value}".`, USAGE);
  return match;
}

/** Build the `profile` command; tests inject the inventory reader and the clock. */
export function createProfileCommand(deps: Partial<ProfileCommandDeps> = {}): CliCommand {
  const readInventory = deps.readInventory ?? readMachineInventory;
  const now = deps.now ?? (() => new Date());
  return {
    name: 'profile',
    summary: 'Describe this machine (CPU, RAM, GPU, memory bandwidth) and which model sizes it can run, how fast.',
    usage: USAGE,
    async run(args, io) {
      const { values } = parseCommandArgs(
        args,
        { json: { type: 'boolean' }, lang: { type: 'string' }, context: { type: 'string' }, ...OUTPUT_OPTION },
        USAGE,
      );
      const locale = values.json ? 'en' : parseLocale(values.lang, io.env, (m) => io.stderr.write(`note: ${m}\n`));
      const contextTokens = positiveInt(values.context, '--context', USAGE);
      const profile = buildMachineProfile(await readInventory(io.env), { contextTokens });
      const text = values.json
        ? `${JSON.stringify(profile, null, 2)}\n`
        : renderProfileMarkdown(profile, { locale, generatedAt: now() });
      return writeDocument(io, 'profile', text, values.output) ? 0 : 1;
    },
  };
}

export const profileCommand = createProfileCommand();
