/** The folders of PATH, read the way the platform's shell reads them. */
import path from 'node:path';

/** The path module for a platform, so Windows paths are built right when tests run on Linux. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * PATH's folders, in order. Windows names the variable `Path` and separates with `;`; an entry may be
 * quoted (`"C:\Program Files\NVIDIA Corporation\NVSMI"`, as some installers write it), and cmd.exe strips
 * the quotes, so we do too: joined with the quotes on, the file name would never exist.
 */
export function pathEntries(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const value = env.PATH ?? env.Path ?? '';
  const separator = platform === 'win32' ? ';' : ':';
  return value
    .split(separator)
    .map((entry) => (platform === 'win32' ? entry.trim().replace(/"/g, '') : entry.trim()))
    .filter((entry) => entry !== '');
}
