/** Shared setup for the client's integration tests: an emulator on 127.0.0.1:0 and a client pointed at it. */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLmStudioClient } from '../../electron/core/lmstudio/client';
import type { LmStudioClient, LmStudioClientOptions } from '../../electron/core/lmstudio/client-types';
import {
  createLmStudioEmulator,
  FAKE_LMS_PATH,
  type LmStudioEmulator,
  type LmStudioEmulatorOptions,
} from '../emulator';

export interface Harness {
  emulator: LmStudioEmulator;
  client: LmStudioClient;
  /** argv of each fake `lms` run. */
  lmsCalls(): string[][];
  home: string;
  close(): Promise<void>;
}

/** Start an emulator and a client; `lms: false` leaves the fake lms out (nothing on PATH or in HOME). */
export async function startHarness(
  emulatorOptions: LmStudioEmulatorOptions = {},
  clientOptions: Partial<LmStudioClientOptions> & { lms?: boolean } = {},
): Promise<Harness> {
  const emulator = await createLmStudioEmulator({ loadMsPerGb: 0, ...emulatorOptions });
  const home = mkdtempSync(join(tmpdir(), 'loadout-lms-'));
  const log = join(home, 'lms-calls.jsonl');
  const { lms = true, env: extraEnv, ...rest } = clientOptions;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LOADOUT_FAKE_LMS_LOG: log,
    ...(lms ? { LOADOUT_LMS: FAKE_LMS_PATH } : {}),
    ...extraEnv,
  };
  const client = createLmStudioClient({ baseUrl: emulator.url, env, ...rest });
  return {
    emulator,
    client,
    home,
    lmsCalls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string[])
        : [],
    close: () => emulator.close(),
  };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
