/**
 * The routing feature over the core's own services, which every caller passes the same way: LM Studio,
 * the hardware monitor, the presets' in-flight registry, the settings and the secret getter. The caller
 * adds where it runs (origin, env) and its evidence, energy and policy.
 */
import type { AppCore } from '../app-core';
import { createRoutingFeature, type RoutingFeature, type RoutingFeatureOptions } from './create-routing';

/** What of the core routing reads. */
export type RoutingCore = Pick<AppCore, 'lmstudio' | 'hardware' | 'presets' | 'settings' | 'getSecret'>;

/** The parts a caller chooses (the rest comes from the core). */
export type RoutingCallerOptions = Omit<RoutingFeatureOptions, 'lmstudio' | 'hardware' | 'inFlight' | 'settings' | 'getSecret'>;

/** Build routing from the core's services plus the caller's options (`presets` stays the caller's choice: a one-shot CLI command does not watch switches). */
export function routingFromCore(core: RoutingCore, options: RoutingCallerOptions): RoutingFeature {
  return createRoutingFeature({ lmstudio: core.lmstudio, hardware: core.hardware, inFlight: core.presets.inFlight, settings: core.settings, getSecret: core.getSecret, ...options });
}
