/** Words a throwing listener for a service's own message channel (its log), for createEmitter. */
import type { ListenerErrorReporter } from './typed-emitter';

/** A reporter into `onMessage`; undefined without one, so the emitter's default (the console) still tells. */
export function listenerErrorsTo(
  onMessage: ((message: string) => void) | undefined,
  owner: string,
): ListenerErrorReporter | undefined {
  if (!onMessage) return undefined;
  return (error, event) =>
    onMessage(
      `A listener of the ${owner}'s "${event}" event failed (${error instanceof Error ? error.message : String(error)}); the other listeners were still told.`,
    );
}
