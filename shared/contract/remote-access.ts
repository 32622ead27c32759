/**
 * Contract: remote access (issue 18), the tray app as a fleet agent for the other machines. The settings
 * window shows where it listens, the certificate fingerprint to compare and the agent token. The token
 * is answered only over IPC to the app's own windows: a WebSocket caller (a browser, an agent, an
 * attached CLI) is refused, since whoever holds it drives this machine.
 */
import { z } from 'zod';
import { RemoteAccessProblemSchema } from '../fleet/remote-access-problem';
import { defineEvent, defineMethod } from './define';

export const REMOTE_ACCESS_STATES = ['off', 'listening', 'failed', 'unavailable'] as const;
export type RemoteAccessStateName = (typeof REMOTE_ACCESS_STATES)[number];

export const RemoteAccessStatusSchema = z.object({
  /** `unavailable`: this process has no remote access (e.g. `loadout serve`, which is an agent itself). */
  state: z.enum(REMOTE_ACCESS_STATES),
  /** The URLs another machine can add (one per network interface when bound to every one). */
  addresses: z.array(z.string()),
  /** The certificate's SHA-256 while listening over HTTPS, to compare with what `machines add` shows. */
  fingerprint: z.string().nullable(),
  /** Why it is not listening (port in use, no keychain), or why it is unavailable here, in English. */
  message: z.string().nullable(),
  /** The same reason as data, for a window to word in its language (wordRemoteAccessProblem). */
  problem: RemoteAccessProblemSchema.nullable(),
  /** The name the other machines would give this one (its host name), for the `machines add` line. */
  machineName: z.string(),
  /** Whether an agent token is stored (made on first use). */
  hasToken: z.boolean(),
});
export type RemoteAccessStatusInfo = z.infer<typeof RemoteAccessStatusSchema>;

export const remoteAccessMethods = {
  'remoteAccess.status': defineMethod(
    z.object({}).default({}),
    RemoteAccessStatusSchema,
    'Where remote access stands: off, listening (addresses, fingerprint), failed (why) or unavailable here.',
  ),
  'remoteAccess.token': defineMethod(
    z.object({}).default({}),
    z.object({ token: z.string() }),
    "The agent token in plain text, for the settings window's Show and Copy (refused over the WebSocket).",
  ),
  'remoteAccess.newToken': defineMethod(
    z.object({}).default({}),
    RemoteAccessStatusSchema,
    'Replace the agent token; machines using the old one are disconnected until given the new one.',
  ),
} as const;

export const remoteAccessEvents = {
  'remoteAccess.changed': defineEvent(
    RemoteAccessStatusSchema,
    'Remote access started, stopped, failed or got a new token.',
  ),
} as const;
