/**
 * The two wire names the renderer needs at runtime. They mirror shared/contract/wire.ts; importing
 * that module would bundle zod (its schemas run at load) into the quick chat's initial JS, so they
 * are repeated here and a unit test keeps them equal.
 */
export const BRIDGE_GLOBAL_NAME = 'loadout';
export const WS_PATH = '/api/ws';
