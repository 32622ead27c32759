/**
 * The object the preload exposes as `window.loadout`: one function per contract method grouped by
 * domain (`loadout.presets.apply({ id })` → the response envelope), `on(event, cb) → unsubscribe`,
 * and two window actions. Built over an injected ipcRenderer so tests run without Electron; the
 * page never sees ipcRenderer itself.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_WINDOW_CHANNELS,
  ipcChannelFor,
  isEventName,
  methodNames,
  type EventName,
} from '../../shared/contract';
import { createEmitter, type ListenerErrorReporter } from '../../shared/events/typed-emitter';

type Listener = (payload: unknown) => void;

/**
 * Build the bridge object; one ipcRenderer listener fans events out to the page's subscribers. A page
 * listener that throws is reported (default the window's console) and the others are still told.
 */
export function createPreloadBridge(
  ipc: Pick<IpcRenderer, 'invoke' | 'send' | 'on'>,
  onListenerError?: ListenerErrorReporter,
): Record<string, unknown> {
  const bridge: Record<string, unknown> = {};
  for (const method of methodNames) {
    const [domain, action] = method.split('.') as [string, string];
    const group = (bridge[domain] ??= {}) as Record<string, unknown>;
    group[action] = (params?: unknown) => ipc.invoke(ipcChannelFor(method), params);
  }
  const events = createEmitter<Record<EventName, unknown>>(onListenerError);
  ipc.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, frame: { event?: unknown; payload?: unknown }) => {
    if (isEventName(frame?.event)) events.emit(frame.event, frame.payload);
  });
  bridge.on = (event: unknown, listener: unknown): (() => void) => {
    if (!isEventName(event) || typeof listener !== 'function')
      throw new TypeError(`loadout.on: "${String(event)}" is not a Loadout event, or the listener is not a function.`);
    return events.on(event, listener as Listener);
  };
  bridge.hideWindow = () => ipc.send(IPC_WINDOW_CHANNELS.hide);
  bridge.openExternal = (url: unknown) => {
    if (typeof url === 'string') ipc.send(IPC_WINDOW_CHANNELS.openExternal, url);
  };
  return bridge;
}
