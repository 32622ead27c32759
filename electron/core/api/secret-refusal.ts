/** The refusal to store a secret where it cannot be kept encrypted, with the environment variable to use instead. */
import { AppApiError, unavailableError } from '../../../shared/contract';
import type { SecretCodec } from './secret-codec';

/**
 * The error for storing `what` (e.g. "token") with no usable keychain: on a Linux desktop without a
 * keyring Electron would keep it in plain text (`basic_text`), so Loadout refuses and says so.
 */
export function secretStorageRefusal(
  method: string,
  codec: SecretCodec | undefined,
  what: string,
  envVar: string,
): AppApiError {
  if (codec?.storage() === 'plain-text-only') {
    return new AppApiError(
      'refused',
      `Loadout did not store the ${what}: this Linux desktop has no keyring (GNOME Keyring or KWallet), so it could only be kept as plain text. Set ${envVar} before starting Loadout instead, or start a keyring and restart Loadout.`,
    );
  }
  return unavailableError(
    method,
    'OS keychain',
    `Loadout stores the ${what} only encrypted; here it cannot. Set ${envVar} before starting Loadout instead.`,
  );
}
