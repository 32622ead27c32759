/**
 * Pick the transport for this window: the preload bridge inside Electron, a WebSocket to the
 * serving `loadout serve` in a browser. The only place that decides; everything else gets an ApiClient.
 */
import type { PreloadBridge } from '../../../shared/contract/client';
import { BRIDGE_GLOBAL_NAME } from './wire-constants';
import { createApiClient, type ApiClient } from './api-client';
import { createIpcTransport, type BridgeWindowActions } from './transport-ipc';
import { createWsTransport, defaultWsUrl } from './transport-ws';

/** Connect this window to the core. */
export function connectApi(): ApiClient {
  const bridge = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL_NAME] as
    (PreloadBridge & BridgeWindowActions) | undefined;
  if (bridge) {
    return createApiClient(createIpcTransport(bridge), {
      openUrl: (url) => bridge.openExternal?.(url),
      hide: () => bridge.hideWindow?.(),
    });
  }
  return createApiClient(createWsTransport({ url: defaultWsUrl(window.location) }), {
    openUrl: (url) => {
      window.open(url, '_blank', 'noopener,noreferrer');
    },
    hide: () => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.blur();
    },
  });
}
