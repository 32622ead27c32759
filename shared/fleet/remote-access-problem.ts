/**
 * Why remote access is not running, as data, and its words: the core sends the problem (contract
 * `remoteAccess.status.problem`, or an error's `problem`) and each face words it from the
 * `remoteAccessProblem` catalog namespace in its own language; the core's English `message` is the same
 * wording, so there is one text per language (as fit-notice.ts does for memory fits).
 */
import { z } from 'zod';
import type { Translate } from '../i18n/translate';

export const RemoteAccessProblemSchema = z.discriminatedUnion('kind', [
  /** Something else listens on that port and address. */
  z.object({ kind: z.literal('port-in-use'), host: z.string(), port: z.number() }),
  /** The address to listen on belongs to no network interface of this machine. */
  z.object({ kind: z.literal('address-not-here'), host: z.string() }),
  /** A Linux desktop without GNOME Keyring or KWallet: the token could only be kept as plain text. */
  z.object({ kind: z.literal('no-keyring') }),
  /** No OS keychain at all to keep the token encrypted. */
  z.object({ kind: z.literal('no-keychain') }),
  /** Anything else the server hit while starting (the system's own words in `detail`). */
  z.object({ kind: z.literal('start-failed'), detail: z.string() }),
  /** This process is `loadout serve`, an agent itself: remote access is a setting of the tray app. */
  z.object({ kind: z.literal('serve-process') }),
]);
export type RemoteAccessProblem = z.infer<typeof RemoteAccessProblemSchema>;

/** The problem in the language of `t` (what happened and what to do). */
export function wordRemoteAccessProblem(problem: RemoteAccessProblem, t: Translate): string {
  switch (problem.kind) {
    case 'port-in-use':
      return t('remoteAccessProblem.portInUse', { host: problem.host, port: problem.port });
    case 'address-not-here':
      return t('remoteAccessProblem.addressNotHere', { host: problem.host });
    case 'no-keyring':
      return t('remoteAccessProblem.noKeyring');
    case 'no-keychain':
      return t('remoteAccessProblem.noKeychain');
    case 'start-failed':
      return t('remoteAccessProblem.startFailed', { detail: problem.detail });
    case 'serve-process':
      return t('remoteAccessProblem.serveProcess');
  }
}

/** A problem carried by a contract value (a status, or an error's `problem`), when it is one of these. */
export function readRemoteAccessProblem(value: unknown): RemoteAccessProblem | null {
  const parsed = RemoteAccessProblemSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
