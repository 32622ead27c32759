import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CERT_FILE,
  CERTIFICATE_DIR,
  KEY_FILE,
  loadOrCreateServeCertificate,
} from '../../../electron/core/http/serve-certificate';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-cert-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateServeCertificate', () => {
  it('creates a certificate once and reuses it (same fingerprint, same files)', async () => {
    const dataDir = tempDir();
    const first = await loadOrCreateServeCertificate({ dataDir, hostNames: ['workstation'] });
    expect(first.created).toBe(true);
    const x509 = new X509Certificate(first.cert);
    expect(first.fingerprint256).toBe(x509.fingerprint256);
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(x509.subjectAltName).toContain('DNS:workstation');
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    const second = await loadOrCreateServeCertificate({ dataDir, hostNames: ['workstation'] });
    expect(second).toEqual({ ...first, created: false });
    expect(fs.readFileSync(path.join(dataDir, CERTIFICATE_DIR, CERT_FILE), 'utf8')).toBe(first.cert);
  });

  it.skipIf(process.platform === 'win32')(
    'writes the key readable by the user only, and tightens a loosened one',
    async () => {
      const dataDir = tempDir();
      await loadOrCreateServeCertificate({ dataDir });
      const keyPath = path.join(dataDir, CERTIFICATE_DIR, KEY_FILE);
      expect(fs.statSync(keyPath).mode & 0o777).toBe(0o600);
      fs.chmodSync(keyPath, 0o644);
      const messages: string[] = [];
      const again = await loadOrCreateServeCertificate({ dataDir, onMessage: (m) => messages.push(m) });
      expect(again.created).toBe(false);
      expect(fs.statSync(keyPath).mode & 0o777).toBe(0o600);
      expect(messages.join('\n')).toMatch(/readable by you only/);
    },
  );

  it('leaves file modes alone on win32, where the profile ACL protects the key', async () => {
    const dataDir = tempDir();
    const made = await loadOrCreateServeCertificate({ dataDir, platform: 'win32' });
    const keyPath = path.join(dataDir, CERTIFICATE_DIR, KEY_FILE);
    if (process.platform !== 'win32') fs.chmodSync(keyPath, 0o644);
    const messages: string[] = [];
    const again = await loadOrCreateServeCertificate({
      dataDir,
      platform: 'win32',
      onMessage: (m) => messages.push(m),
    });
    expect(again.fingerprint256).toBe(made.fingerprint256);
    expect(messages).toEqual([]);
    if (process.platform !== 'win32') expect(fs.statSync(keyPath).mode & 0o777).toBe(0o644);
  });

  it('sets a damaged pair aside (nothing deleted), makes a new one and says the fingerprint changed', async () => {
    const dataDir = tempDir();
    const first = await loadOrCreateServeCertificate({ dataDir });
    const certPath = path.join(dataDir, CERTIFICATE_DIR, CERT_FILE);
    fs.writeFileSync(certPath, 'not a certificate');
    const messages: string[] = [];
    const next = await loadOrCreateServeCertificate({ dataDir, onMessage: (m) => messages.push(m) });
    expect(next.created).toBe(true);
    expect(next.fingerprint256).not.toBe(first.fingerprint256);
    expect(messages.join('\n')).toMatch(/set aside.*fingerprint changes.*machines add/s);
    const setAside = fs.readdirSync(path.join(dataDir, CERTIFICATE_DIR)).filter((f) => f.includes('.unusable-'));
    expect(setAside).toHaveLength(2);
  });

  it('replaces an expired certificate', async () => {
    const dataDir = tempDir();
    const longAgo = new Date('1990-01-01T00:00:00Z');
    const old = await loadOrCreateServeCertificate({ dataDir, now: () => longAgo });
    const messages: string[] = [];
    const next = await loadOrCreateServeCertificate({ dataDir, onMessage: (m) => messages.push(m) });
    expect(next.created).toBe(true);
    expect(next.fingerprint256).not.toBe(old.fingerprint256);
    expect(messages.join('\n')).toMatch(/expired/);
  });
});
