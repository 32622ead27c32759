/**
 * Loadout starts `lms` and `nvidia-smi` without a shell. On Windows that can run an `.exe` but not a
 * `.cmd`/`.bat` (Node refuses them with EINVAL since the CVE-2024-27980 fix), so an override that points
 * at a batch file gets a clear message instead of a cryptic spawn error.
 */

/** Why `file`, named by the environment variable `envVar`, cannot be run on this platform; null when it can. */
export function batchFileProblem(file: string, envVar: string, platform: NodeJS.Platform): string | null {
  if (platform !== 'win32' || !/\.(cmd|bat)$/i.test(file.trim())) return null;
  return `${envVar} points at ${file}, a batch file, which Loadout cannot start (it runs programs without a shell). Point ${envVar} at the .exe itself.`;
}
