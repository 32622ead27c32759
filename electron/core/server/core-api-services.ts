/** Map the composition root's services onto what the app API handlers need. */
import type { AppCore } from '../app-core';
import type { ApiServices } from './handlers/api-services';
import { readPackageVersion } from './package-root';
import type { SecretCodec } from './secret-codec';

/** The API's view of a running core. */
export function apiServicesFromCore(
  core: AppCore,
  host: ApiServices['host'],
  extras: { version?: string; locale?: string; secrets?: SecretCodec } = {},
): ApiServices {
  return {
    host,
    version: extras.version ?? readPackageVersion(),
    locale: extras.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    settings: core.settings,
    hardware: core.hardware,
    secrets: extras.secrets,
  };
}
