/** Electron's safeStorage as the core's SecretCodec: the LM Studio token is encrypted with the OS keychain. */
import type { SafeStorage } from 'electron';
import type { SecretCodec } from '../core/server/secret-codec';

/** Wrap safeStorage (injected) as a SecretCodec; encrypted bytes are stored as base64. */
export function safeStorageCodec(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>): SecretCodec {
  return {
    isAvailable: () => safeStorage.isEncryptionAvailable(),
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (encoded) => safeStorage.decryptString(Buffer.from(encoded, 'base64')),
  };
}
