/**
 * Who may call the app API over IPC: only our own windows' main frames showing our own pages
 * (the bundled renderer from file://, or the dev server in `npm start`). Electron security
 * checklist #17: validate the sender of all IPC messages.
 */
import { pathToFileURL } from 'node:url';

/** The parts of an IPC event the check reads (a real IpcMainInvokeEvent satisfies this). */
export interface IpcSenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustedSenderPolicy {
  /** Ids of the webContents of windows this app created. */
  knownWebContentsIds: ReadonlySet<number>;
  /** Folder of the built renderer (file:// pages must be inside it). */
  rendererDir: string;
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

/** True for a page of our own bundle or of the dev server (no other origin, no other folder). */
export function isOwnPageUrl(url: string, policy: Pick<TrustedSenderPolicy, 'rendererDir' | 'devServerUrl'>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const root = pathToFileURL(policy.rendererDir).href.replace(/\/?$/, '/');
    // URL normalizes "..", so a traversal cannot pass the prefix check.
    return parsed.href.startsWith(root);
  }
  if (policy.devServerUrl) {
    try {
      return parsed.origin === new URL(policy.devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}
