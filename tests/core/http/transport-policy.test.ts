import { describe, expect, it } from 'vitest';
import { decideTransport, isTailnetHost, TransportFlagsError } from '../../../electron/core/http/transport-policy';

describe('isTailnetHost', () => {
  it('accepts 100.64.0.0/10 and nothing around it', () => {
    expect(isTailnetHost('100.64.0.1')).toBe(true);
    expect(isTailnetHost('100.101.102.103')).toBe(true);
    expect(isTailnetHost('100.127.255.254')).toBe(true);
    expect(isTailnetHost('100.63.255.255')).toBe(false);
    expect(isTailnetHost('100.128.0.1')).toBe(false);
    expect(isTailnetHost('10.0.0.5')).toBe(false);
    expect(isTailnetHost('192.168.1.20')).toBe(false);
  });

  it('accepts MagicDNS names under .ts.net and the Tailscale IPv6 range', () => {
    expect(isTailnetHost('workstation.tail1234.ts.net')).toBe(true);
    expect(isTailnetHost('WORKSTATION.tail1234.ts.net.')).toBe(true);
    expect(isTailnetHost('[fd7a:115c:a1e0::1]')).toBe(true);
    expect(isTailnetHost('fd7a:115c:a1e0:ab12:4843:cd96:6258:b240')).toBe(true);
    expect(isTailnetHost('fd7a:115c:a1e1::1')).toBe(false);
    expect(isTailnetHost('ts.net')).toBe(false);
    expect(isTailnetHost('.ts.net')).toBe(false);
    expect(isTailnetHost('evil-ts.net')).toBe(false);
    expect(isTailnetHost('workstation.local')).toBe(false);
  });
});

describe('decideTransport', () => {
  it('keeps loopback on plain HTTP', () => {
    expect(decideTransport({ host: '127.0.0.1' })).toEqual({ scheme: 'http', reason: 'loopback', warning: null });
    expect(decideTransport({ host: '::1' }).scheme).toBe('http');
  });

  it('lets a tailnet address use plain HTTP', () => {
    expect(decideTransport({ host: '100.100.1.2' })).toEqual({ scheme: 'http', reason: 'tailnet', warning: null });
    expect(decideTransport({ host: 'box.tail0.ts.net' }).scheme).toBe('http');
  });

  it('serves HTTPS on any other address, the wildcard included', () => {
    expect(decideTransport({ host: '0.0.0.0' })).toEqual({ scheme: 'https', reason: 'off-loopback' });
    expect(decideTransport({ host: '192.168.1.20' }).scheme).toBe('https');
    expect(decideTransport({ host: '::' }).scheme).toBe('https');
  });

  it('serves plain HTTP off loopback only with --insecure, and warns', () => {
    const decision = decideTransport({ host: '192.168.1.20', insecure: true });
    expect(decision.scheme).toBe('http');
    expect(decision).toMatchObject({ reason: 'insecure', warning: expect.stringContaining('in clear') });
  });

  it('forces HTTPS with --tls, even on loopback', () => {
    expect(decideTransport({ host: '127.0.0.1', forceTls: true })).toEqual({ scheme: 'https', reason: 'forced' });
  });

  it('refuses --tls with --insecure and says which to keep', () => {
    expect(() => decideTransport({ host: '0.0.0.0', forceTls: true, insecure: true })).toThrow(TransportFlagsError);
    expect(() => decideTransport({ host: '0.0.0.0', forceTls: true, insecure: true })).toThrow(/--tls.*--insecure/);
  });

  it('takes the off-loopback path through the injected loopback decision', () => {
    expect(decideTransport({ host: '127.0.0.2' }, () => false)).toEqual({ scheme: 'https', reason: 'off-loopback' });
  });
});
