/**
 * Stands in for `import('koffi')` inside the standalone `loadout` executable (scripts/build-cli-exe.mjs
 * aliases 'koffi' to this file): loads koffi from disk beside the executable, since a single-executable
 * application's own `require` reaches only Node's built-in modules. When koffi is missing this module
 * throws on first use, and the NVML reader falls back to nvidia-smi with the reason.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { findKoffi, koffiMissingMessage } from './koffi-locations';

const dir = findKoffi(process.execPath);
if (!dir) throw new Error(koffiMissingMessage(process.execPath));

const koffi: typeof import('koffi') = createRequire(path.join(dir, 'package.json'))(dir);
export default koffi;
