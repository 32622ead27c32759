/** Builds the OpenAI-compatible endpoint's handler over the core's one router (`loadout serve --openai`, the tray app's setting). */
import type { RequestEnergyRecorder } from '../chat/chat-service';
import type { ChatStore } from '../chat/chat-store';
import type { InFlightRegistry } from '../presets/in-flight-registry';
import type { RoutingFeature } from './create-routing';
import { createOpenAiRouter, type OpenAiRouter } from './openai-router';

/** The `/v1` handler and the lines about skipped routing configuration. */
export interface OpenAiEndpoint {
  handler: OpenAiRouter;
  problems: string[];
}

export interface OpenAiEndpointParts {
  routing: RoutingFeature;
  inFlight: InFlightRegistry;
  energy: RequestEnergyRecorder;
  /** The chat history: where the endpoint's measurements go (no prompts are kept). */
  store: () => ChatStore | null;
}

/** The `/v1` handler; its decisions are logged with the origin 'endpoint'. */
export function createOpenAiEndpoint(parts: OpenAiEndpointParts): OpenAiEndpoint {
  const { routing } = parts;
  const handler = createOpenAiRouter({
    routedChat: { route: (request, signal) => routing.routedChat.route(request, signal, { origin: 'endpoint' }) },
    snapshot: routing.snapshot,
    agentChat: routing.agentChat,
    inFlight: parts.inFlight,
    energy: parts.energy,
    onStale: routing.invalidate,
    recordSample: (s) => parts.store()?.later((store) => store.addSample('endpoint', s)),
  });
  return { handler, problems: routing.problems };
}
