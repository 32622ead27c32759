/**
 * Where the CLI finds a machine's token without the OS keychain: LOADOUT_MACHINE_TOKEN_<NAME>, the name
 * upper-cased with every other character an underscore ("lab-pc" → LOADOUT_MACHINE_TOKEN_LAB_PC).
 */

/** The environment variable that carries the token of the machine named `name`. */
export function machineTokenEnvName(name: string): string {
  return `LOADOUT_MACHINE_TOKEN_${name
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '_')}`;
}
