/**
 * Where the standalone `loadout` executable finds koffi (the FFI that reads NVML). A Node single-executable
 * application can embed JavaScript but not a native addon, so koffi stays on disk: in an installed app,
 * unpacked beside app.asar (`resources/app.asar.unpacked/node_modules/koffi`, electron-builder's asarUnpack)
 * with the executable in `resources/cli/`; in a checkout, the project's node_modules.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Candidate koffi folders for an executable at `execPath`, nearest first: each ancestor's unpacked app, then its node_modules. */
export function koffiCandidates(execPath: string): string[] {
  const found: string[] = [];
  let dir = path.dirname(execPath);
  for (;;) {
    found.push(path.join(dir, 'app.asar.unpacked', 'node_modules', 'koffi'), path.join(dir, 'node_modules', 'koffi'));
    const parent = path.dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

/** The first candidate folder that holds koffi's package.json, or null. */
export function findKoffi(execPath: string, exists: (file: string) => boolean = fs.existsSync): string | null {
  return koffiCandidates(execPath).find((dir) => exists(path.join(dir, 'package.json'))) ?? null;
}

/** Why NVML is off in the standalone executable when koffi is missing, and what to do (shown among NVML's reasons). */
export function koffiMissingMessage(execPath: string): string {
  return `koffi, which Loadout uses to read NVML, is not beside ${execPath} (looked for app.asar.unpacked/node_modules/koffi and node_modules/koffi in its folder and above); GPU readings come from nvidia-smi instead. Reinstall Loadout to restore NVML`;
}
