/**
 * Encryption of secrets at rest (the LM Studio token). The tray app injects Electron's safeStorage;
 * headless processes (`loadout serve`, the CLI) have none and read LM_API_TOKEN instead.
 */

/** Encrypts and decrypts short secrets with the OS keychain. */
export interface SecretCodec {
  /** False when the OS offers no keychain (e.g. Linux without a secret service). */
  isAvailable(): boolean;
  /** Encrypt to base64 text for config.json. */
  encrypt(plain: string): string;
  /** Decrypt what `encrypt` produced; throws when it cannot (another machine or user). */
  decrypt(encoded: string): string;
}
