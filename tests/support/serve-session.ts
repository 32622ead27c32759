/**
 * One test's `loadout serve` server, its API sockets and (when asked) an LM Studio emulator, all closed
 * after each test: the setup the serve-*.test.ts files share.
 */
import { afterEach } from 'vitest';
import { createLmStudioEmulator, type LmStudioEmulator, type LmStudioEmulatorOptions } from '../emulator';
import { ApiSocket, startHarness, type Harness } from './server-harness';

export interface ServeSessionOptions {
  /** Start an emulator with these options and point the core's LOADOUT_LMSTUDIO_URL at it. */
  emulator?: LmStudioEmulatorOptions;
  /** Extra environment for the core (the harness points LM Studio at a closed port by default). */
  env?: Record<string, string>;
  /** As startHarness: require this token; serve a tiny renderer build or none. */
  token?: string;
  renderer?: 'built' | 'missing';
}

export interface ServeSession {
  /** The running server of this test; null before open(). */
  readonly harness: Harness | null;
  /** The emulator of this test; null unless open() was given emulator options. */
  readonly emulator: LmStudioEmulator | null;
  /** Start the server (and the emulator when asked). */
  open(options?: ServeSessionOptions): Promise<Harness>;
  /** Connect an API socket to the open server; closed after the test. */
  connect(): Promise<ApiSocket>;
  /** open() then connect(): the usual start of a test. */
  start(options?: ServeSessionOptions): Promise<ApiSocket>;
}

/** Register an afterEach that closes what the test opened (sockets, then server, then emulator) and return the session to open it with. */
export function useServeSession(): ServeSession {
  let harness: Harness | null = null;
  let emulator: LmStudioEmulator | null = null;
  const sockets: ApiSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await harness?.close();
    harness = null;
    await emulator?.close();
    emulator = null;
  });
  const session: ServeSession = {
    get harness() {
      return harness;
    },
    get emulator() {
      return emulator;
    },
    async open(options = {}) {
      if (options.emulator) emulator = await createLmStudioEmulator(options.emulator);
      const { token, renderer } = options;
      harness = await startHarness({
        token,
        renderer,
        env: { ...(emulator ? { LOADOUT_LMSTUDIO_URL: emulator.url } : {}), ...options.env },
      });
      return harness;
    },
    async connect() {
      if (!harness) throw new Error('open() the server before connecting to it');
      const socket = await ApiSocket.connect(harness.server.port);
      sockets.push(socket);
      return socket;
    },
    async start(options) {
      await session.open(options);
      return session.connect();
    },
  };
  return session;
}
