/** A keychain stand-in for tests of what the app keeps encrypted (machine tokens, the remote-access token). */
import crypto from 'node:crypto';
import type { SecretCodec } from '../../electron/core/api/secret-codec';

/** A keychain stand-in: AES-256-GCM with a key only this process holds. */
export function aesCodec(): SecretCodec {
  const key = crypto.randomBytes(32);
  return {
    isAvailable: () => true,
    storage: () => 'encrypted',
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    decrypt(encoded) {
      const raw = Buffer.from(encoded, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
