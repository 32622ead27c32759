/** `lms link status --json` read into the fleet's LM Link state: peers, `added`, `servedBy`, and every way it is unavailable. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LmLinkStateSchema } from '../../../shared/contract/fleet';
import { machineIsLmLinkDevice, parseLmLinkStatus } from '../../../electron/core/fleet/lm-link';

const fixture = readFileSync(new URL('../../fixtures/lmstudio/lms-link-status.json', import.meta.url), 'utf8');
const real = JSON.parse(fixture) as Record<string, unknown>;
const withStatus = (patch: Record<string, unknown>) => JSON.stringify({ ...real, ...patch });

describe('parseLmLinkStatus', () => {
  it('reads the real shape: peers with their models and online state, served from the preferred device', () => {
    const state = parseLmLinkStatus(fixture, []);
    expect(LmLinkStateSchema.parse(state)).toEqual(state);
    expect(state).toEqual({
      available: true,
      servedBy: 'Workstation',
      message: null,
      peers: [
        {
          name: 'Workstation',
          address: null,
          online: true,
          loadedModels: ['qwen2.5-coder-14b-instruct', 'text-embedding-nomic-embed-text-v1.5'],
          added: false,
        },
        { name: "Jane's MacBook Pro", address: null, online: false, loadedModels: [], added: false },
      ],
    });
  });

  it('marks a peer added when a machine carries its name or its tailnet host name', () => {
    const state = parseLmLinkStatus(fixture, [
      { name: 'ws', url: 'http://workstation.tail1234.ts.net:1234' },
      { name: 'janes-macbook-pro', url: 'https://100.101.1.2:1235' },
    ]);
    expect(state.peers.map((p) => [p.name, p.added])).toEqual([
      ['Workstation', true],
      ["Jane's MacBook Pro", true],
    ]);
  });

  it('serves localhost from this machine when it is the preferred device, or the preferred one is gone', () => {
    expect(parseLmLinkStatus(withStatus({ preferredDeviceIdentifier: 'dev-0d11e5' }), []).servedBy).toBeNull();
    expect(parseLmLinkStatus(withStatus({ preferredDeviceIdentifier: undefined }), []).servedBy).toBeNull();
    expect(parseLmLinkStatus(withStatus({ preferredDeviceIdentifier: 'dev-2b8c04' }), []).servedBy).toBeNull();
  });

  it('reads an older lms that prints no per-peer models', () => {
    const peers = (real.peers as Record<string, unknown>[]).map(({ loadedModels: _m, ...p }) => p);
    expect(parseLmLinkStatus(withStatus({ peers }), []).peers[0]?.loadedModels).toEqual([]);
  });

  it('says LM Link is off, not logged in, offline, or an unknown issue, with nothing offered', () => {
    const off = parseLmLinkStatus(withStatus({ status: 'offline', issues: ['deviceDisabled'], peers: [] }), []);
    expect(off).toMatchObject({ available: false, servedBy: null, peers: [] });
    expect(off.message).toContain('lms link enable');
    expect(parseLmLinkStatus(withStatus({ issues: ['notLoggedIn'] }), []).message).toContain('lms login');
    const down = parseLmLinkStatus(
      withStatus({ status: 'offline', reconnectInSeconds: 12, lastError: { message: 'relay refused', timestamp: 1 } }),
      [],
    );
    expect(down).toMatchObject({ available: false, peers: [] });
    expect(down.message).toBe('LM Link is offline: relay refused. It reconnects in 12 s.');
    expect(parseLmLinkStatus(withStatus({ issues: ['quotaExceeded'] }), []).message).toContain('"quotaExceeded"');
  });

  it('turns text or an unknown shape into a clear message, never a throw', () => {
    const text = parseLmLinkStatus('This device: desk\nStatus: Online\n', []);
    expect(text).toMatchObject({ available: false, peers: [] });
    expect(text.message).toContain('did not print JSON ("This device: desk');
    const shape = parseLmLinkStatus(JSON.stringify({ status: 'online', peers: [{ deviceName: 3 }] }), []);
    expect(shape.available).toBe(false);
    expect(shape.message).toMatch(/shape this Loadout does not know \(peers\.0\.deviceIdentifier: .*deviceName/);
  });
});

describe('machineIsLmLinkDevice', () => {
  it('matches by name or host label, never by an IP address or an empty name', () => {
    expect(machineIsLmLinkDevice({ name: 'WORKSTATION', url: 'http://10.0.0.2:1234' }, 'workstation')).toBe(true);
    expect(machineIsLmLinkDevice({ name: 'lab', url: 'https://workstation:1235' }, 'Workstation')).toBe(true);
    expect(machineIsLmLinkDevice({ name: 'lab', url: 'http://100.64.0.7:1234' }, '100')).toBe(false);
    expect(machineIsLmLinkDevice({ name: 'other', url: 'http://lab2.lan:1234' }, 'lab')).toBe(false);
    expect(machineIsLmLinkDevice({ name: '!!', url: 'http://x:1' }, '??')).toBe(false);
  });
});
