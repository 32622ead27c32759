/** Builds the OpenAI-compatible endpoint for a running core (`loadout serve --openai`, the tray app's setting). */
import type { AppCore } from '../app-core';
import type { RequestEnergyRecorder } from '../chat/chat-service';
import { createRoutingFeature } from './create-routing';
import { createOpenAiRouter, type OpenAiRouter } from './openai-router';

/** The `/v1` handler over the core's LM Studio client, hardware monitor and in-flight registry. */
export function createOpenAiEndpoint(core: Pick<AppCore, 'lmstudio' | 'hardware' | 'presets'>, env: NodeJS.ProcessEnv, energy?: RequestEnergyRecorder): { handler: OpenAiRouter; problems: string[] } {
  const routing = createRoutingFeature({ lmstudio: core.lmstudio, env, origin: 'endpoint', hardware: core.hardware, inFlight: core.presets.inFlight, energy });
  const handler = createOpenAiRouter({ routedChat: routing.routedChat, snapshot: routing.snapshot, inFlight: core.presets.inFlight, energy, onStale: routing.invalidate });
  return { handler, problems: routing.problems };
}
