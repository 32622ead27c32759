/** The `claude mcp add` line that does what `loadout mcp install claude-code` does, for users who prefer Claude's own command. */
import type { ClaudeCodeScope } from './client-config-location';
import type { LaunchCommand } from './loadout-launch-command';

/** One argument quoted for the user's shell: POSIX single quotes, or Windows double quotes (cmd and PowerShell). */
export function quoteArg(arg: string, platform: NodeJS.Platform): string {
  if (/^[\w@%+=:,./\\-]+$/.test(arg)) return arg;
  if (platform === 'win32') return `"${arg.replace(/"/g, '\\"')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * `claude mcp add --scope user loadout [-e K=V…] -- <command> <args…>`. The name comes before `-e`,
 * whose values are variadic: after it, the name would be read as one more variable.
 */
export function claudeMcpAddLine(
  launch: LaunchCommand,
  scope: ClaudeCodeScope,
  env: Record<string, string>,
  platform: NodeJS.Platform,
): string {
  const envFlags = Object.entries(env).flatMap(([k, v]) => ['-e', quoteArg(`${k}=${v}`, platform)]);
  return [
    'claude',
    'mcp',
    'add',
    '--scope',
    scope,
    'loadout',
    ...envFlags,
    '--',
    ...[launch.command, ...launch.args].map((a) => quoteArg(a, platform)),
  ].join(' ');
}
