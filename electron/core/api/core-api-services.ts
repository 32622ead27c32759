/** Map the composition root's services onto what the app API handlers need; nothing is built here. */
import type { AppCore } from '../app-core';
import { routeMessagesFromOpenAi } from '../../../shared/routing/from-openai-messages';
import { summarizeRoute } from './chat-route-summary';
import { readModelsState } from './handlers/models-handlers';
import { createModelsStateCache } from './models-state-cache';
import type { ApiServices } from './handlers/api-services';
import { processLocales } from '../process/os-locales';
import type { QuickChatBackend } from './quick-chat';
import type { SecretCodec } from './secret-codec';
import type { RemoteAccessPort } from './handlers/remote-access-handlers';

/** What the face adds to the core: which transport serves it, the OS locale and the keychain. */
export interface ApiFace {
  /** "electron" in the tray app, "serve" in `loadout serve`. */
  host: ApiServices['host'];
  /** Default: the first of the process's locales. */
  locale?: string;
  secrets?: SecretCodec;
  env?: NodeJS.ProcessEnv;
  /** The tray app's remote access agent; `loadout serve` has none (it is an agent itself). */
  remoteAccess?: RemoteAccessPort;
}

/** The API's view of a running core; the quick chat is routed by the core's one router, its history and 👍/👎 kept in the core's loadout.db. */
export function apiServicesFromCore(core: AppCore, face: ApiFace): ApiServices {
  const chat: QuickChatBackend = {
    ask: (req) => core.routing.routedChat.ask({ ...req, origin: req.origin ?? 'quick-chat' }),
    async route(req, signal) {
      const { decision, snapshot } = await core.routing.routedChat.route(
        { messages: routeMessagesFromOpenAi(req.messages), model: req.model },
        signal,
        { log: false, origin: 'quick-chat' },
      );
      return summarizeRoute(decision, snapshot.state);
    },
    // Opened on the first look at the history, and closed with the core.
    get store() {
      return core.chat.store();
    },
    onRated: () => core.routing.invalidate(),
  };
  return {
    host: face.host,
    version: core.version,
    locale: face.locale ?? processLocales(face.env ?? process.env)[0]!,
    settings: core.settings,
    hardware: core.hardware,
    lmstudio: core.lmstudio,
    // Every load and unload of this core goes through core.lmstudio, so its event drops the kept state at once.
    modelsState: createModelsStateCache(
      () => readModelsState(core.lmstudio, core.presets),
      (listener) => core.lmstudio.onLoadedChanged(listener),
    ),
    presets: core.presets,
    energy: core.energy,
    dbLock: core.dbLock,
    chat,
    secrets: face.secrets,
    bench: core.bench,
    fleet: core.fleet,
    waitingRequests: () => core.waitingRequests(),
    lan: core.lan,
    gaming: core.gaming,
    remoteAccess: face.remoteAccess,
    lmLink: () => core.lmLink.latest(),
    onLmLinkChange: (listener) => core.lmLink.onChange(listener),
    // Built at the first ask, not with the API.
    delegation: { ask: (request, context) => core.delegation.ask(request, context) },
    // A getter: the ledger is built at the first read, not when a face starts.
    get delegations() {
      return core.delegationLedger;
    },
  };
}
