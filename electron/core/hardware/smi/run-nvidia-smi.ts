/** One short nvidia-smi run (help probe, inventory, process list): never per sample. */
import { execFile } from 'node:child_process';

/** What one run printed and how it ended. */
export interface SmiRunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process could not be started or timed out. */
  error: string | null;
}

/** Run nvidia-smi once with a timeout; resolves (never rejects) with its output. Hidden window on Windows. */
export function runNvidiaSmi(
  executable: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 15_000,
): Promise<SmiRunResult> {
  return new Promise((resolve) => {
    execFile(
      executable,
      args,
      { env, windowsHide: true, timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
        let code: number | null = 0;
        let message: string | null = null;
        if (err) {
          code = typeof err.code === 'number' ? err.code : null;
          if (code === null) message = err.killed ? `timed out after ${timeoutMs} ms` : err.message;
        }
        resolve({ code, stdout: String(stdout), stderr: String(stderr), error: message });
      },
    );
  });
}

/** The driver's own explanation from a failed run (first non-empty line of its output), or a generic one. */
export function describeSmiFailure(result: SmiRunResult): string {
  if (result.error) return result.error;
  const line = `${result.stdout}\n${result.stderr}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find(Boolean);
  return `exit code ${result.code}${line ? `: ${line}` : ''}`;
}
