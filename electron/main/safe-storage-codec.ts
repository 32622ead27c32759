/** Electron's safeStorage as the core's SecretCodec: the LM Studio token is encrypted with the OS keychain. */
import type { SafeStorage } from 'electron';
import { encryptedSecret, type SecretGetter } from '../core/routing/settings-endpoints';
import type { SecretCodec, SecretStorage } from '../core/api/secret-codec';
import type { Settings } from '../../shared/settings/schema';

type SafeStorageParts = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/**
 * Where safeStorage would keep a secret. On Linux `isEncryptionAvailable()` is true even with no
 * keyring: Electron then falls back to `basic_text`, a hard-coded key, which is plain text in effect.
 * https://www.electronjs.org/docs/latest/api/safe-storage#safestoragegetselectedstoragebackend-linux
 */
export function safeStorageKind(safeStorage: SafeStorageParts, platform: NodeJS.Platform): SecretStorage {
  if (!safeStorage.isEncryptionAvailable()) return 'none';
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'plain-text-only';
  return 'encrypted';
}

/** Wrap safeStorage (injected) as a SecretCodec; encrypted bytes are stored as base64. Only a real keychain counts as available. */
export function safeStorageCodec(
  safeStorage: SafeStorageParts,
  platform: NodeJS.Platform = process.platform,
): SecretCodec {
  return {
    isAvailable: () => safeStorageKind(safeStorage, platform) === 'encrypted',
    storage: () => safeStorageKind(safeStorage, platform),
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (encoded) => safeStorage.decryptString(Buffer.from(encoded, 'base64')),
  };
}

/** The stored LM Studio token, decrypted; null when none is stored or it cannot be decrypted (another user or machine). */
export function decryptStoredToken(encrypted: string | null, codec: SecretCodec): string | null {
  if (encrypted === null || !codec.isAvailable()) return null;
  try {
    return codec.decrypt(encrypted);
  } catch {
    return null;
  }
}

/** The core's getSecret: the routing secret stored under `name` in the current settings, decrypted (null when none or unreadable). */
export function storedSecretGetter(getSettings: () => Settings, codec: SecretCodec): SecretGetter {
  return (name) => decryptStoredToken(encryptedSecret(getSettings(), name), codec);
}
