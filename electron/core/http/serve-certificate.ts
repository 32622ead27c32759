/**
 * The self-signed certificate `loadout serve` answers HTTPS with off loopback. It is created once and
 * kept in the data folder, so its fingerprint stays the same across runs: `loadout machines add` pins
 * it (trust on first use, like SSH), and a changed fingerprint then means a different machine.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/** Where the key and certificate live, under the data folder. */
export const CERTIFICATE_DIR = 'tls';
export const KEY_FILE = 'serve-key.pem';
export const CERT_FILE = 'serve-cert.pem';

export interface ServeCertificate {
  /** PEM private key (never leaves this machine). */
  key: string;
  /** PEM certificate. */
  cert: string;
  /** SHA-256 fingerprint, colon-separated uppercase hex (as `openssl x509 -fingerprint -sha256` prints it). */
  fingerprint256: string;
  /** True when this call created it (the fingerprint is new: clients that pinned an older one must re-pin). */
  created: boolean;
}

export interface CertificateStoreOptions {
  dataDir: string;
  /** `process.platform` by default; on win32 file modes do not apply (the profile folder's ACL protects the key). */
  platform?: NodeJS.Platform;
  /** Names the certificate covers besides localhost and the loopback addresses (default: this host name). */
  hostNames?: string[];
  now?: () => Date;
  /** Notices a person should read (a damaged file set aside, a key whose mode was tightened). */
  onMessage?: (message: string) => void;
}

/** Years a certificate is valid: it is pinned, not checked against a CA, so renewal would only break pins. */
const VALID_YEARS = 20;

/** Load the stored certificate, or create and store one (key mode 0600 on POSIX). */
export async function loadOrCreateServeCertificate(options: CertificateStoreOptions): Promise<ServeCertificate> {
  const platform = options.platform ?? process.platform;
  const now = options.now ?? (() => new Date());
  const note = options.onMessage ?? (() => {});
  const dir = path.join(options.dataDir, CERTIFICATE_DIR);
  const keyPath = path.join(dir, KEY_FILE);
  const certPath = path.join(dir, CERT_FILE);

  const stored = readStored(keyPath, certPath, now(), note);
  if (stored) {
    if (platform !== 'win32' && (fs.statSync(keyPath).mode & 0o077) !== 0) {
      fs.chmodSync(keyPath, 0o600);
      note(`${keyPath} was readable by other users; it is now readable by you only.`);
    }
    return { ...stored, created: false };
  }

  const notBefore = now();
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const dnsNames = ['localhost', ...(options.hostNames ?? [os.hostname()])].filter(
    (n, i, all) => n && all.indexOf(n) === i,
  );
  const made = await generate([{ name: 'commonName', value: `Loadout on ${dnsNames[1] ?? 'localhost'}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...dnsNames.map((value) => ({ type: 2 as const, value })),
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key is written with its final mode from the start (never briefly world-readable), then renamed into place.
  writeAtomically(keyPath, made.private, platform === 'win32' ? undefined : 0o600);
  writeAtomically(certPath, made.cert, platform === 'win32' ? undefined : 0o644);
  return {
    key: made.private,
    cert: made.cert,
    fingerprint256: new X509Certificate(made.cert).fingerprint256,
    created: true,
  };
}

/** The stored pair when both files are there, parse, match and are still valid; a damaged pair is set aside (never deleted). */
function readStored(
  keyPath: string,
  certPath: string,
  now: Date,
  note: (message: string) => void,
): Omit<ServeCertificate, 'created'> | null {
  if (!fs.existsSync(keyPath) && !fs.existsSync(certPath)) return null;
  let problem: string;
  try {
    const key = fs.readFileSync(keyPath, 'utf8');
    const cert = fs.readFileSync(certPath, 'utf8');
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) problem = 'the key does not belong to the certificate';
    else if (new Date(x509.validTo).getTime() <= now.getTime()) problem = `the certificate expired on ${x509.validTo}`;
    else return { key, cert, fingerprint256: x509.fingerprint256 };
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const suffix = `.unusable-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const file of [keyPath, certPath]) if (fs.existsSync(file)) fs.renameSync(file, file + suffix);
  note(
    `The stored HTTPS certificate could not be used (${problem}); it was set aside as *${suffix} and a new one is made. Its fingerprint changes: re-add this machine on the others (loadout machines add).`,
  );
  return null;
}

function writeAtomically(file: string, text: string, mode: number | undefined): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, mode === undefined ? {} : { mode });
  fs.renameSync(temp, file);
}
