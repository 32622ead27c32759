/** The Electron transport: the preload bridge (`window.loadout`), which is always connected. */
import { bridgeTransport, type PreloadBridge } from '../../../shared/contract/client';
import type { ApiTransport } from './transport';

/** Extra window actions the preload may expose beside the contract (hide the quick chat, open a link). */
export interface BridgeWindowActions {
  hideWindow?: () => void;
  openExternal?: (url: string) => void;
}

/** The contract's bridge transport (`bridge.presets.apply(params)`, `bridge.on(event, cb)`), always open. */
export function createIpcTransport(bridge: PreloadBridge): ApiTransport {
  return {
    ...bridgeTransport(bridge),
    onStatus(listener) {
      listener('open', null);
      return () => {};
    },
    close() {},
  };
}
