/**
 * Loads and unloads that Loadout itself runs, as events: every path that changes what LM Studio has
 * loaded (a preset switch, an unload, the benchmark's own load and unload) goes through the client, so
 * wrapping it here lets caches of "what is loaded" (the energy context) update at once instead of on
 * their next poll, whichever feature ran the load.
 */
import { createEmitter, type ListenerErrorReporter } from '../../../shared/events/typed-emitter';
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { LmStudioClient } from './client-types';

/** What changed: a model loaded (read back from LM Studio), an instance unloaded, or a call that failed midway (state unknown). */
export type LoadedChange =
  | { action: 'load'; instance: LoadedInstance }
  | { action: 'unload'; instanceId: string }
  | { action: 'failed'; instanceId: string | null };

/** Subscription to the loads and unloads run through one client. */
export interface LoadEvents {
  /** Called after each load or unload settles (a failure too: LM Studio may have changed anyway); returns the unsubscribe function. */
  onLoadedChanged(listener: (change: LoadedChange) => void): () => void;
}

export type ObservedLmStudioClient = LmStudioClient & LoadEvents;

/**
 * The same client, telling its listeners after each load and unload; a listener that throws never breaks
 * the call (it goes to `onListenerError`, by default the console).
 */
export function withLoadEvents(
  client: LmStudioClient,
  onListenerError?: ListenerErrorReporter,
): ObservedLmStudioClient {
  const events = createEmitter<{ loadedChanged: LoadedChange }>(onListenerError);
  const tell = (change: LoadedChange) => events.emit('loadedChanged', change);
  return {
    getBaseUrl: () => client.getBaseUrl(),
    urlInUse: () => client.urlInUse(),
    getOpenAiBaseUrl: () => client.getOpenAiBaseUrl(),
    getToken: () => client.getToken(),
    detect: (options) => client.detect(options),
    capabilities: (options) => client.capabilities(options),
    listModels: (options) => client.listModels(options),
    listLoaded: (options) => client.listLoaded(options),
    async load(request, options) {
      try {
        const result = await client.load(request, options);
        tell({ action: 'load', instance: result.instance });
        return result;
      } catch (error) {
        tell({ action: 'failed', instanceId: request.identifier ?? null });
        throw error;
      }
    },
    async unload(instanceId, options) {
      try {
        await client.unload(instanceId, options);
        tell({ action: 'unload', instanceId });
      } catch (error) {
        tell({ action: 'failed', instanceId });
        throw error;
      }
    },
    listProcesses: (options) => client.listProcesses(options),
    listLocalFiles: (options) => client.listLocalFiles(options),
    resetDetection: () => client.resetDetection(),
    onLoadedChanged: (listener) => events.on('loadedChanged', listener),
  };
}
