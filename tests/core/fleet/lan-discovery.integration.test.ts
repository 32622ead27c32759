/**
 * LAN discovery over real mDNS (bonjour-service's multicast socket, in this process): an announced
 * agent is found with the URL to add it, its versions and scheme; one already in `machines` is marked
 * added; after stop() its goodbye removes it; the record carries only public facts.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  announceAgent,
  announcementRecord,
  browseAgents,
  foundAgentFromService,
  type Announcer,
} from '../../../electron/core/fleet/lan-discovery';
import type { Machine } from '../../../shared/settings/schema';
import type { Service } from 'bonjour-service';

const announcers: Announcer[] = [];
afterEach(async () => {
  await Promise.all(announcers.splice(0).map((a) => a.stop()));
});

const uniqueName = () => `lab-${randomUUID().slice(0, 8)}`;

describe('LAN discovery', { timeout: 30_000 }, () => {
  it('finds an announced agent with its URL, version, contract and scheme', async () => {
    const name = uniqueName();
    announcers.push(announceAgent({ name, port: 48123, version: '9.9.9', contractVersion: 2, scheme: 'https' }));
    const found = await browseAgents({ seconds: 1.5, machines: [] });
    const agent = found.find((a) => a.name === name);
    expect(agent).toMatchObject({
      name,
      port: 48123,
      scheme: 'https',
      version: '9.9.9',
      contractVersion: 2,
      added: false,
    });
    expect(agent?.url).toMatch(/^https:\/\/.+:48123$/);
    expect(agent?.addresses).toContain(new URL(agent!.url).hostname.replace(/^\[|\]$/g, ''));
  });

  it('marks an agent already in machines as added, by address and port', async () => {
    const name = uniqueName();
    announcers.push(announceAgent({ name, port: 48124, version: '1.0.0', contractVersion: 2, scheme: 'http' }));
    const first = (await browseAgents({ seconds: 1.5, machines: [] })).find((a) => a.name === name);
    expect(first?.url).toMatch(/^http:\/\//);
    const machine: Machine = { name: 'lab', url: first!.url, kind: 'loadout' } as Machine;
    const again = (await browseAgents({ seconds: 1.5, machines: [machine] })).find((a) => a.name === name);
    expect(again?.added).toBe(true);
  });

  it('stops announcing after stop()', async () => {
    const name = uniqueName();
    const announcer = announceAgent({ name, port: 48125, version: '1.0.0', contractVersion: 2, scheme: 'https' });
    await announcer.stop();
    const found = await browseAgents({ seconds: 1.5, machines: [] });
    expect(found.map((a) => a.name)).not.toContain(name);
  });

  it('publishes only name, port, version, contract and scheme', () => {
    const record = announcementRecord({
      name: 'lab',
      port: 1235,
      version: '1.2.3',
      contractVersion: 2,
      scheme: 'https',
    });
    expect(record).toEqual({
      name: 'lab',
      type: 'loadout',
      protocol: 'tcp',
      port: 1235,
      txt: { version: '1.2.3', contract: '2', scheme: 'https' },
    });
  });

  it('skips a service without an address and prefers a routable IPv4 one', () => {
    const service = (addresses: string[]) =>
      ({ name: 'x', port: 1235, addresses, txt: { scheme: 'https' } }) as unknown as Service;
    expect(foundAgentFromService(service([]), [])).toBeNull();
    expect(foundAgentFromService(service(['fe80::1', '169.254.3.4', '192.168.1.20']), [])?.url).toBe(
      'https://192.168.1.20:1235',
    );
    expect(foundAgentFromService(service(['fe80::1', 'fd00::2']), [])?.url).toBe('https://[fd00::2]:1235');
  });
});
