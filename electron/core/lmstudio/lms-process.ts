/**
 * Finds and runs the `lms` CLI against the same server as the client: its host and port, its token, no
 * colours. Failures to start become lms-missing / timeout / aborted / lms-failed LmStudioErrors.
 */
import { stripVTControlCharacters } from 'node:util';
import { pathFor } from '../process/search-path';
import { batchFileProblem } from '../process/windows-executable';
import { isDefaultLocalServer } from './base-url';
import { LmStudioError, type CallOptions, type ProcessResult, type RunProcess } from './client-types';
import { abortedError, notRunningError, timeoutError } from './errors';
import { lmsCandidates, locateLms } from './lms-locate';
import { lmsHostArgs } from './lms-output';

/** `lms` output that means it could not reach LM Studio. */
const LMS_NOT_RUNNING = /could not connect|not running|ECONNREFUSED|failed to connect/i;

/** The text a failed `lms` run printed, without its "Error:" prefix. */
export function lmsMessage(result: ProcessResult): string | null {
  const text = (result.stderr.trim() || result.stdout.trim()).replace(/^error:\s*/i, '');
  return text === '' ? null : text;
}

/** True when what a failed `lms` run printed means LM Studio is not there. */
export function lmsSaysNotRunning(message: string | null): boolean {
  return message !== null && LMS_NOT_RUNNING.test(message);
}

export interface LmsProcessDeps {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  lmStudioHome: string;
  baseUrl: string;
  /** How messages name the server. */
  where: string;
  getToken: () => Promise<string | null>;
  run: RunProcess;
  fileExists: (path: string) => Promise<boolean>;
}

export interface LmsProcess {
  /** The `lms` path, or null when it is nowhere (looked up once, until `forget`). */
  find(): Promise<string | null>;
  /** Runs `lms args…`; resolves with any exit code, rejects only when it cannot run. */
  run(args: string[], call: CallOptions, defaultTimeoutMs: number): Promise<ProcessResult>;
  /** A non-zero exit of a read command → not-running or lms-failed. */
  readFailure(command: string, result: ProcessResult): LmStudioError;
  /** Look for `lms` again next time. */
  forget(): void;
}

/** The `lms` CLI as the client runs it. */
export function createLmsProcess(deps: LmsProcessDeps): LmsProcess {
  const { env, platform, lmStudioHome, baseUrl } = deps;
  let lmsPath: Promise<string | null> | null = null;

  function find(): Promise<string | null> {
    lmsPath ??= locateLms({ env, lmStudioHome, platform, fileExists: deps.fileExists });
    return lmsPath;
  }

  async function run(args: string[], call: CallOptions, defaultTimeoutMs: number): Promise<ProcessResult> {
    const batch = batchFileProblem(env.LOADOUT_LMS ?? '', 'LOADOUT_LMS', platform);
    if (batch)
      throw new LmStudioError(
        'lms-missing',
        `${batch} It is usually ${pathFor(platform).join(lmStudioHome, 'bin', 'lms.exe')}.`,
      );
    const path = await find();
    if (!path) {
      const looked = lmsCandidates({ env, lmStudioHome, platform }).slice(0, 2).join(', ');
      throw new LmStudioError(
        'lms-missing',
        `The lms CLI was not found (looked at ${looked} and PATH). Loadout needs it here; open LM Studio once so it installs ~/.lmstudio/bin/lms (or run \`~/.lmstudio/bin/lms bootstrap\`), or set LOADOUT_LMS to its path.`,
      );
    }
    const timeoutMs = call.timeoutMs ?? defaultTimeoutMs;
    const token = await deps.getToken();
    // No colours: Windows terminals and our parsers would otherwise get ANSI codes in names and messages.
    const childEnv: NodeJS.ProcessEnv = { ...env, LOADOUT_LMSTUDIO_URL: baseUrl, NO_COLOR: '1', FORCE_COLOR: '0' };
    if (token) childEnv.LM_API_TOKEN = token;
    const fullArgs = [...args, ...lmsHostArgs(baseUrl, isDefaultLocalServer(baseUrl))];
    try {
      // Some lms builds colour their output anyway; strip what slips through.
      const result = await deps.run(path, fullArgs, { env: childEnv, signal: call.signal, timeoutMs });
      return {
        ...result,
        stdout: stripVTControlCharacters(result.stdout),
        stderr: stripVTControlCharacters(result.stderr),
      };
    } catch (error) {
      const name = (error as { name?: string }).name;
      const code = (error as { code?: string }).code;
      if (call.signal?.aborted || name === 'AbortError') throw abortedError(`lms ${args[0] ?? ''}`);
      if (name === 'TimeoutError') throw timeoutError(baseUrl, `lms ${args[0] ?? ''}`, timeoutMs);
      if (code === 'ENOENT' || code === 'EACCES') {
        lmsPath = null;
        throw new LmStudioError(
          'lms-missing',
          `The lms CLI at ${path} could not be started (${code}). Reinstall it from LM Studio, or set LOADOUT_LMS to a working path.`,
          { cause: error },
        );
      }
      throw new LmStudioError('lms-failed', `The lms CLI at ${path} could not be run: ${String(error)}`, {
        cause: error,
      });
    }
  }

  function readFailure(command: string, result: ProcessResult): LmStudioError {
    const message = lmsMessage(result);
    if (lmsSaysNotRunning(message)) return notRunningError(deps.where);
    return new LmStudioError(
      'lms-failed',
      `\`lms ${command}\` failed (exit ${result.exitCode})${message ? `: ${message}` : ''}.`,
      { lmStudioMessage: message },
    );
  }

  return {
    find,
    run,
    readFailure,
    forget: () => {
      lmsPath = null;
    },
  };
}
