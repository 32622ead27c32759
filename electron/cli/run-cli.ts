/** Dispatches `loadout <command> …` to its command; usage errors exit 2 with what to type instead. */
import { closestNames } from '../../shared/text/did-you-mean';
import { appVersion } from '../core/process/app-version';
import { type CliCommand, type CliIo, UsageError } from './command';
import type { LazyCliCommand } from './commands/index';

/** A command as the CLI lists it: loaded already, or loaded when it runs (commands/index.ts). */
export type ListedCommand = CliCommand | LazyCliCommand;

/**
 * Run the CLI with `argv` (without node and script); resolves to the exit code. Only the command that
 * runs is loaded, so `help` and a mistyped name load no command module.
 */
export async function runCli(argv: string[], io: CliIo, commands: ListedCommand[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(helpText(commands));
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const listed = commands.find((c) => c.name === name);
  if (!listed) {
    const near = closestNames(name, [...commands.map((c) => c.name), 'help', 'version']);
    const hint = near.length ? ` Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '';
    io.stderr.write(`loadout: unknown command "${name}".${hint} Type \`loadout help\` to see the commands.\n`);
    return 2;
  }
  const command = 'load' in listed ? await listed.load() : listed;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`usage: loadout ${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`loadout ${command.name}: ${error.message}\nusage: loadout ${error.usage ?? command.usage}\n`);
      return 2;
    }
    io.stderr.write(`loadout ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function helpText(commands: ListedCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Loadout: hardware, presets and energy for local LLMs with LM Studio.\n\nusage: loadout <command> [options]\n\n${lines.join('\n')}\n\nloadout <command> --help shows a command's options.\n`;
}
