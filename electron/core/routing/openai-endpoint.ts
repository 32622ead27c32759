/** Builds the OpenAI-compatible endpoint for a running core (`loadout serve --openai`, the tray app's setting). */
import type { AppCore } from '../app-core';
import { cachedStoredBenchSamples } from '../bench/stored-bench-samples';
import type { RequestEnergyRecorder } from '../chat/chat-service';
import { tryOpenChatStore } from '../chat/open-chat-store';
import { routingFromCore } from './routing-from-core';
import { createOpenAiRouter, type OpenAiRouter } from './openai-router';

/** What the endpoint uses of the core. */
export type EndpointCore = Pick<AppCore, 'lmstudio' | 'hardware' | 'presets' | 'energy' | 'dataDir' | 'settings' | 'getSecret'>;

/** The `/v1` handler over the core's LM Studio client, hardware monitor and in-flight registry. */
export function createOpenAiEndpoint(core: EndpointCore, env: NodeJS.ProcessEnv): { handler: OpenAiRouter; problems: string[]; close(): void } {
  // The chat store: evidence for routing, and where this endpoint's measurements go (no prompts are kept).
  const problems: string[] = [];
  // Read before the history opens loadout.db, so a first run finds no results rather than creating tables for them.
  const benchmarks = cachedStoredBenchSamples(core.dataDir);
  benchmarks();
  const history = tryOpenChatStore(core.dataDir, (m) => problems.push(m));
  // Each answer's energy through the core's tracker (opened on first use, fed by the core's monitor).
  const energy: RequestEnergyRecorder = { recordRequest: (r) => core.energy.service().tracker.recordRequest(r) };
  const routing = routingFromCore(core, { env, origin: 'endpoint', energy, store: history.store, benchmarks, presets: core.presets });
  const handler = createOpenAiRouter({
    routedChat: routing.routedChat, snapshot: routing.snapshot, inFlight: core.presets.inFlight, energy, onStale: routing.invalidate,
    recordSample: history.store ? (s) => history.store!.later((store) => store.addSample('endpoint', s)) : undefined,
  });
  return {
    handler,
    problems: [...problems, ...routing.problems],
    close: () => {
      routing.dispose();
      history.close();
    },
  };
}
