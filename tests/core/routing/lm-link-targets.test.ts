/** A request is never routed twice: the machine LM Link serves localhost:1234 from is not a second target. */
import { describe, expect, it } from 'vitest';
import { dedupeLmLinkTargets, fleetWithoutLmLinkServed } from '../../../electron/core/routing/lm-link-targets';
import type { MachineSnapshot } from '../../../shared/contract/fleet';

const remotes = [
  { id: 'remote:workstation', label: 'workstation', baseUrl: 'http://192.168.1.20:1234', token: null },
  { id: 'remote:nas', label: 'nas', baseUrl: 'http://nas.tail1234.ts.net:1234', token: 'tok' },
];

describe('dedupeLmLinkTargets', () => {
  it('leaves out the machine LM Link serves localhost from, and says why', () => {
    const d = dedupeLmLinkTargets(remotes, { available: true, servedBy: 'Workstation' });
    expect(d.remotes.map((r) => r.id)).toEqual(['remote:nas']);
    expect(d.problems).toEqual([
      '"workstation" is the device LM Link serves localhost:1234 from, so it is routed to once, through this machine\'s LM Studio.',
    ]);
  });

  it('matches the served device by the host name of a machine named otherwise', () => {
    expect(dedupeLmLinkTargets(remotes, { available: true, servedBy: 'NAS' }).remotes.map((r) => r.id)).toEqual([
      'remote:workstation',
    ]);
  });

  it('keeps every remote when localhost is served here, LM Link is off, or unknown', () => {
    for (const link of [{ available: true, servedBy: null }, { available: false, servedBy: 'workstation' }, null])
      expect(dedupeLmLinkTargets(remotes, link)).toEqual({ remotes, problems: [] });
  });
});

describe('fleetWithoutLmLinkServed', () => {
  it('hides from routing the agent LM Link serves localhost from, read again at each look', async () => {
    const snap = (name: string, url: string) => ({ name, url }) as MachineSnapshot;
    const asked: string[] = [];
    const fleet = {
      snapshot: () => [snap('workstation', 'https://192.168.1.20:1235'), snap('lab', 'https://lab.tail1.ts.net:1235')],
      client: async (name: string) => {
        asked.push(name);
        return {} as never;
      },
    };
    let link: { available: boolean; servedBy: string | null } = { available: true, servedBy: 'Workstation' };
    const view = fleetWithoutLmLinkServed(fleet, () => link);
    expect(view.snapshot().map((m) => m.name)).toEqual(['lab']);
    link = { available: true, servedBy: null };
    expect(view.snapshot().map((m) => m.name)).toEqual(['workstation', 'lab']);
    await view.client('lab');
    expect(asked).toEqual(['lab']);
  });
});
