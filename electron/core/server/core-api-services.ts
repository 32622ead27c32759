/** Map the composition root's services onto what the app API handlers need. */
import type { AppCore } from '../app-core';
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
  const routing = createRoutingFeature({
    lmstudio: core.lmstudio,
    env: extras.env ?? process.env,
    origin: 'quick-chat',
    hardware: core.hardware,
    inFlight: core.presets.inFlight,
  });
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
