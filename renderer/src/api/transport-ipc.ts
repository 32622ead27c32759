/** The Electron transport: the preload bridge (`window.loadout`), which is always connected. */
import type { PreloadBridge } from '../../../shared/contract/client';
import type { ApiResponse } from '../../../shared/contract/errors';
import type { ApiTransport } from './transport';

/** Extra window actions the preload may expose beside the contract (hide the quick chat, open a link). */
export interface BridgeWindowActions {
  hideWindow?: () => void;
  openExternal?: (url: string) => void;
}

type BridgeFn = (params?: unknown) => Promise<ApiResponse<unknown>>;

/** Wrap the preload bridge (`bridge.presets.apply(params)`, `bridge.on(event, cb)`) as a transport. */
export function createIpcTransport(bridge: PreloadBridge): ApiTransport {
  return {
    invoke(method, input) {
      const [domain, action] = method.split('.') as [string, string];
      const fn = (bridge as unknown as Record<string, Record<string, BridgeFn> | undefined>)[domain]?.[action];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'unknown-method', message: `The preload does not expose ${method}; rebuild or update the app.` } });
      return fn(input).catch((e: unknown) => ({ ok: false as const, error: { code: 'internal' as const, message: `${method} failed in the preload: ${e instanceof Error ? e.message : String(e)}` } }));
    },
    on: (event, listener) => bridge.on(event as never, listener as never),
    onStatus(listener) { listener('open', null); return () => {}; },
    close() {},
  };
}
