/** Map the composition root's services onto what the app API handlers need. */
import type { AppCore } from '../app-core';
import { benchSamples } from '../../../shared/bench/bench-evidence';
import { routeMessagesFromOpenAi } from '../../../shared/routing/from-openai-messages';
import type { BenchService } from '../bench/bench-service';
import { createBenchService } from '../bench/create-bench-service';
import type { RequestEnergyRecorder } from '../chat/chat-service';
import { tryOpenChatStore } from '../chat/open-chat-store';
import { routingFromCore } from '../routing/routing-from-core';
import { summarizeRoute } from './chat-route-summary';
import type { ApiServices } from './handlers/api-services';
import { readPackageVersion } from '../process/package-root';
import { processLocales } from '../process/os-locales';
import type { QuickChatBackend } from './quick-chat';
import type { SecretCodec } from './secret-codec';

/** The API's view of a running core; the quick chat is routed like `loadout chat`, its history and 👍/👎 kept in loadout.db. */
export function apiServicesFromCore(
  core: AppCore,
  host: ApiServices['host'],
  extras: { version?: string; locale?: string; secrets?: SecretCodec; env?: NodeJS.ProcessEnv; onMessage?: (message: string) => void } = {},
): ApiServices {
  const version = extras.version ?? readPackageVersion();
  // Answers reach the energy ledger (opened on first use), so each one knows its Wh.
  const energy: RequestEnergyRecorder = { recordRequest: (input) => core.energy.service().tracker.recordRequest(input) };
  const bench = createBenchService({
    dataDir: core.dataDir,
    lmstudio: core.lmstudio,
    presets: core.presets,
    hardware: core.hardware,
    loadoutVersion: version,
    energy,
  });
  const history = tryOpenChatStore(core.dataDir, extras.onMessage ?? ((m) => process.stderr.write(`loadout: ${m}\n`)), core.dbLock?.writer('chat'));
  // Machines, cloud model and policy from the core's settings (keys through the app's keychain); a fresh look after each switch.
  const routing = routingFromCore(core, {
    env: extras.env ?? process.env,
    origin: 'quick-chat',
    benchmarks: () => benchmarkSamples(bench),
    store: history.store,
    energy,
    presets: core.presets,
  });
  const chat: QuickChatBackend = {
    ask: (req) => routing.routedChat.ask(req),
    async route(req, signal) {
      const { decision, snapshot } = await routing.routedChat.route({ messages: routeMessagesFromOpenAi(req.messages), model: req.model }, signal, false);
      return summarizeRoute(decision, snapshot.state);
    },
    store: history.store,
    onRated: () => routing.invalidate(),
    close: () => {
      routing.dispose();
      history.close();
    },
  };
  return {
    host,
    version,
    locale: extras.locale ?? processLocales(extras.env ?? process.env)[0]!,
    settings: core.settings,
    hardware: core.hardware,
    lmstudio: core.lmstudio,
    presets: core.presets,
    energy: core.energy,
    dbLock: core.dbLock,
    chat,
    secrets: extras.secrets,
    bench,
  };
}

/** The stored benchmarks as router samples; none when the results cannot be read (routing never fails over them). */
function benchmarkSamples(bench: BenchService) {
  try {
    return benchSamples(bench.list());
  } catch {
    return [];
  }
}
