/**
 * The presets window's address for another machine, `#presets?machine=NAME`: a tray notification about
 * a switch there opens the window with that machine picked, as the local one opens it on this machine.
 * `visit` makes each opening a new address, so an open window hears it (hashchange) even when the same
 * machine is asked for twice after the picker was moved in between.
 */

/** The hash (with '#') that opens the presets tab on `machine`. */
export function machinePresetsHash(machine: string, visit?: number): string {
  const query = `machine=${encodeURIComponent(machine)}`;
  return `#presets?${visit === undefined ? query : `${query}&visit=${visit}`}`;
}

/** The machine a presets hash asks for; null for any other hash (or none, or one badly encoded). */
export function machineFromHash(hash: string): string | null {
  const query = /^#presets\?(.*)$/.exec(hash)?.[1];
  const encoded = query
    ?.split('&')
    .find((part) => part.startsWith('machine='))
    ?.slice('machine='.length);
  if (!encoded) return null;
  try {
    return decodeURIComponent(encoded).trim() || null;
  } catch {
    return null;
  }
}
