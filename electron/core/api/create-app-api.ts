/**
 * The app API over one core: what the tray app binds to IPC, `loadout serve` to its WebSocket, and a
 * CLI attached to a running app calls. Every service comes from the core; nothing is built twice.
 */
import type { ContractEventSink } from '../../../shared/contract';
import type { AppCore } from '../app-core';
import { apiServicesFromCore, type ApiFace } from './core-api-services';
import { createApiHandlers, type AppApi } from './handlers/create-api-handlers';

export type { AppApi } from './handlers/create-api-handlers';
export type { ApiFace } from './core-api-services';

/** Build the app API over `core`, forwarding its events to `events`; `dispose` stops forwarding (the core stays open). */
export function createAppApi(core: AppCore, face: ApiFace & { events: ContractEventSink; now?: () => number }): AppApi {
  return createApiHandlers(apiServicesFromCore(core, face), face.events, { now: face.now });
}
