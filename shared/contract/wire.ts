/**
 * The wire formats. Electron IPC: channel `loadout:<method>` for calls, `loadout:event` for events.
 * WebSocket (`/api/ws` of `loadout serve`): JSON text frames
 *   client → server  {"id": 1, "method": "presets.apply", "params": {"id": "dev"}}
 *   server → client  {"id": 1, "result": …}  or  {"id": 1, "error": {"code": …, "message": …}}
 *   server → client  {"event": "hardware.sample", "payload": …}
 * `params` is omitted (or null) for methods without input. Every event is sent to every client.
 */
import { z } from 'zod';
import { ApiErrorSchema } from './errors';

/** Prefix of every IPC channel the app uses. */
export const IPC_CHANNEL_PREFIX = 'loadout:';
/** The IPC channel that carries every event to the renderer as `{ event, payload }`. */
export const IPC_EVENT_CHANNEL = 'loadout:event';
/** Window actions the preload exposes beside the contract (`loadout.hideWindow()`, `loadout.openExternal(url)`). */
export const IPC_WINDOW_CHANNELS = {
  hide: 'loadout:window.hide',
  openExternal: 'loadout:window.openExternal',
} as const;
/** The name under which the preload exposes the API on `window` (`window.loadout`). */
export const BRIDGE_GLOBAL = 'loadout';
/** The WebSocket path of `loadout serve`. */
export const WS_API_PATH = '/api/ws';

/** The IPC channel of a method. */
export function ipcChannelFor(method: string): string {
  return `${IPC_CHANNEL_PREFIX}${method}`;
}

/** A request frame as received (method and params are checked against the contract afterwards). */
export const WsRequestSchema = z.object({
  id: z.union([z.number(), z.string()]),
  method: z.string(),
  params: z.unknown().optional(),
});
export type WsRequest = z.infer<typeof WsRequestSchema>;

export type WsResponse =
  | { id: number | string | null; result: unknown }
  | { id: number | string | null; error: z.infer<typeof ApiErrorSchema> };

export interface WsEventFrame {
  event: string;
  payload: unknown;
}

/** Any frame the server sends; the client tells them apart by `event` vs `id`. */
export const WsServerFrameSchema = z.union([
  z.object({ event: z.string(), payload: z.unknown() }),
  z.object({ id: z.union([z.number(), z.string(), z.null()]), result: z.unknown() }),
  z.object({ id: z.union([z.number(), z.string(), z.null()]), error: ApiErrorSchema }),
]);
