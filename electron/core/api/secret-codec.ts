/**
 * Encryption of secrets at rest (the LM Studio token). The tray app injects Electron's safeStorage;
 * headless processes (`loadout serve`, the CLI) have none and read LM_API_TOKEN instead.
 */

/**
 * Where secrets would go: the OS keychain (`encrypted`), nowhere (`none`), or, on a Linux desktop
 * without a keyring, Electron's `basic_text` store (`plain-text-only`): a fixed key, so as good as
 * plain text; Loadout refuses it like `none`.
 */
export type SecretStorage = 'encrypted' | 'plain-text-only' | 'none';

/** Encrypts and decrypts short secrets with the OS keychain. */
export interface SecretCodec {
  /** False when the OS offers no keychain, or only the plain-text fallback (Linux without a secret service). */
  isAvailable(): boolean;
  /** Why `isAvailable` is what it is. */
  storage(): SecretStorage;
  /** Encrypt to base64 text for config.json. */
  encrypt(plain: string): string;
  /** Decrypt what `encrypt` produced; throws when it cannot (another machine or user). */
  decrypt(encoded: string): string;
}
