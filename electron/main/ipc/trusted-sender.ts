/**
 * Who may call the app API over IPC: only our own windows' main frames showing our own pages
 * (the bundled renderer on `app://loadout`, or the dev server in `npm start`); never `file://`.
 * Electron security checklist #17: validate the sender of all IPC messages.
 */
import { isAppOriginUrl } from '../app-protocol';

/** The parts of an IPC event the check reads (a real IpcMainInvokeEvent satisfies this). */
export interface IpcSenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustedSenderPolicy {
  /** Ids of the webContents of windows this app created. */
  knownWebContentsIds: ReadonlySet<number>;
  /** The dev server's URL in `npm start`, else null. */
  devServerUrl: string | null;
}

/** True when the IPC message comes from one of our windows' main frame, showing our page. */
export function isTrustedSender(event: IpcSenderInfo, policy: TrustedSenderPolicy): boolean {
  if (!policy.knownWebContentsIds.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isOwnPageUrl(frame.url, policy);
}

/** True for a page on the app origin, or on the dev server's origin in `npm start` (nothing else). */
export function isOwnPageUrl(url: string, policy: Pick<TrustedSenderPolicy, 'devServerUrl'>): boolean {
  if (isAppOriginUrl(url)) return true;
  if (!policy.devServerUrl) return false;
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      parsed.origin === new URL(policy.devServerUrl).origin
    );
  } catch {
    return false;
  }
}
