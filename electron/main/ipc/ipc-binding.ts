/**
 * The app API over Electron IPC: one `ipcMain.handle` per contract method (channel
 * `loadout:<method>`), each checking the sender and parsing the input through the dispatcher; events
 * go to every window on `loadout:event` (one addressed to a caller, only to its window). Two window actions (hide, open a link) ride beside it.
 * Electron's ipcMain is injected so tests run without Electron.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_WINDOW_CHANNELS,
  ipcChannelFor,
  methodNames,
  type ApiResponse,
  type ContractDispatch,
  type ContractEventHub,
} from '../../../shared/contract';
import { isHttpUrl } from '../security';
import { isTrustedSender, type TrustedSenderPolicy } from './trusted-sender';

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  dispatch: ContractDispatch;
  events: ContractEventHub;
  policy: Omit<TrustedSenderPolicy, 'knownWebContentsIds'>;
  /** Hide the window whose page asked (quick chat's Esc). */
  hideWindowOf(sender: WebContents): void;
  /** Open an http(s) URL in the browser (the caller already checked the scheme). */
  openExternal(url: string): void;
  /** Told about refused senders, for the log. */
  onRefused?(channel: string, url: string | null): void;
}

export interface IpcBinding {
  /** Trust a window's webContents (call when the app creates it); untrusted on destroy. */
  trust(contents: WebContents): void;
  /** Remove every handler and stop sending events. */
  dispose(): void;
}

/** Bind the contract to IPC. */
export function bindContractToIpc(options: IpcBindingOptions): IpcBinding {
  const trusted = new Map<number, WebContents>();
  const policy: TrustedSenderPolicy = { ...options.policy, knownWebContentsIds: new Set() };
  const refresh = () => {
    policy.knownWebContentsIds = new Set(trusted.keys());
  };
  const check = (event: IpcMainInvokeEvent | IpcMainEvent, channel: string): boolean => {
    if (isTrustedSender(event, policy)) return true;
    options.onRefused?.(channel, event.senderFrame?.url ?? null);
    return false;
  };

  for (const method of methodNames) {
    const channel = ipcChannelFor(method);
    options.ipcMain.handle(channel, async (event, params: unknown): Promise<ApiResponse<unknown>> => {
      if (!check(event, channel)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: "This page may not call Loadout: only Loadout's own windows can." },
        };
      }
      return options.dispatch(method, params, { transport: 'ipc', callerId: callerIdOf(event.sender) });
    });
  }
  const onHide = (event: IpcMainEvent) => {
    if (check(event, IPC_WINDOW_CHANNELS.hide)) options.hideWindowOf(event.sender);
  };
  const onOpen = (event: IpcMainEvent, url: unknown) => {
    if (check(event, IPC_WINDOW_CHANNELS.openExternal) && typeof url === 'string' && isHttpUrl(url))
      options.openExternal(url);
  };
  options.ipcMain.on(IPC_WINDOW_CHANNELS.hide, onHide);
  options.ipcMain.on(IPC_WINDOW_CHANNELS.openExternal, onOpen);

  const unsubscribe = options.events.subscribe((e, to) => {
    for (const contents of trusted.values()) {
      // A per-request event (a chat's deltas) goes only to the window that asked.
      if (to !== undefined && to !== callerIdOf(contents)) continue;
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, e);
    }
  });

  return {
    trust(contents) {
      trusted.set(contents.id, contents);
      refresh();
      contents.once('destroyed', () => {
        trusted.delete(contents.id);
        refresh();
      });
    },
    dispose() {
      unsubscribe();
      for (const method of methodNames) options.ipcMain.removeHandler(ipcChannelFor(method));
      options.ipcMain.removeListener(IPC_WINDOW_CHANNELS.hide, onHide);
      options.ipcMain.removeListener(IPC_WINDOW_CHANNELS.openExternal, onOpen);
    },
  };
}

/** The CallContext.callerId of a window: what the handlers address its events by. */
const callerIdOf = (contents: Pick<WebContents, 'id'>): string => `wc-${contents.id}`;
