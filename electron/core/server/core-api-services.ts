/** Map the composition root's services onto what the app API handlers need. */
import type { AppCore } from '../app-core';
import { benchSamples } from '../../../shared/bench/bench-evidence';
import type { BenchService } from '../bench/bench-service';
import { createBenchService } from '../bench/create-bench-service';
import { createRoutingFeature } from '../routing/create-routing';
import type { ApiServices } from './handlers/api-services';
import { readPackageVersion } from './package-root';
import type { SecretCodec } from './secret-codec';

/** The API's view of a running core; the quick chat is routed like `loadout chat`. */
export function apiServicesFromCore(
  core: AppCore,
  host: ApiServices['host'],
  extras: { version?: string; locale?: string; secrets?: SecretCodec; env?: NodeJS.ProcessEnv } = {},
): ApiServices {
  const version = extras.version ?? readPackageVersion();
  const bench = createBenchService({
    dataDir: core.dataDir,
    lmstudio: core.lmstudio,
    presets: core.presets,
    hardware: core.hardware,
    loadoutVersion: version,
    // Benchmark answers reach the energy ledger like chat answers (the ledger opens on first use).
    energy: { recordRequest: (input) => core.energy.service().tracker.recordRequest(input) },
  });
  const routing = createRoutingFeature({
    lmstudio: core.lmstudio,
    env: extras.env ?? process.env,
    origin: 'quick-chat',
    hardware: core.hardware,
    inFlight: core.presets.inFlight,
    benchmarks: () => benchmarkSamples(bench),
  });
  return {
    host,
    version,
    locale: extras.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    settings: core.settings,
    hardware: core.hardware,
    lmstudio: core.lmstudio,
    presets: core.presets,
    energy: core.energy,
    askRouted: (req) => routing.routedChat.ask(req),
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
