/** LM Link read through a real `lms` process (the fake CLI): on, off, missing, and refreshed only when stale. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { createLmLinkReader } from '../../../electron/core/fleet/lm-link-reader';
import { FAKE_LMS_PATH } from '../../emulator';

const fixture = fileURLToPath(new URL('../../fixtures/lmstudio/lms-link-status.json', import.meta.url));
const empty = mkdtempSync(join(tmpdir(), 'loadout-nolms-'));
const lmstudio = { getBaseUrl: () => 'http://127.0.0.1:1234', getToken: async () => null };

function reader(env: NodeJS.ProcessEnv, extra: { now?: () => number } = {}) {
  return createLmLinkReader({
    lmstudio,
    machines: () => [{ name: 'workstation', url: 'http://192.168.1.20:1234' }],
    env: { PATH: process.env.PATH, HOME: empty, ...env },
    lmStudioHome: empty,
    ...extra,
  });
}

describe('createLmLinkReader', () => {
  it('reads the peers from `lms link status --json`, the added one marked', async () => {
    const state = await reader({ LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: fixture }).refresh();
    expect(state.available).toBe(true);
    expect(state.servedBy).toBe('Workstation');
    expect(state.peers.map((p) => [p.name, p.online, p.added])).toEqual([
      ['Workstation', true, true],
      ["Jane's MacBook Pro", false, false],
    ]);
  });

  it('says LM Link is off when lms reports it disabled', async () => {
    const state = await reader({ LOADOUT_LMS: FAKE_LMS_PATH }).refresh();
    expect(state).toMatchObject({ available: false, peers: [], servedBy: null });
    expect(state.message).toContain('lms link enable');
  });

  it('says lms is missing, with where it looked, instead of throwing', async () => {
    const state = await reader({ PATH: empty }).refresh();
    expect(state).toMatchObject({ available: false, peers: [] });
    expect(state.message).toMatch(/^LM Link cannot be read: The lms CLI was not found \(looked at /);
  });

  it('says so when lms prints something that is not LM Link JSON', async () => {
    const junk = join(empty, 'junk.json');
    writeFileSync(junk, '"online"');
    const state = await reader({ LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: junk }).refresh();
    expect(state.available).toBe(false);
    expect(state.message).toContain('shape this Loadout does not know');
  });

  it('answers servedBy() as current() has it, without reading the machines or parsing again', async () => {
    const machines = vi.fn(() => [{ name: 'workstation', url: 'http://192.168.1.20:1234' }]);
    const r = createLmLinkReader({
      lmstudio,
      machines,
      env: { PATH: process.env.PATH, HOME: empty, LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: fixture },
      lmStudioHome: empty,
    });
    expect(r.servedBy()).toEqual({ available: false, servedBy: null });
    await r.refresh();
    machines.mockClear();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      for (let i = 0; i < 3; i++) expect(r.servedBy()).toEqual({ available: true, servedBy: 'Workstation' });
      // One parse for the new reading, none after; the machines (the settings file) are never read.
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
    expect(machines).not.toHaveBeenCalled();
    expect(r.current().servedBy).toBe('Workstation');
  });

  it('answers current() at once and reads again only once the reading is stale', async () => {
    const log = join(empty, 'argv.log');
    let clock = 0;
    const r = reader(
      { LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: fixture, LOADOUT_FAKE_LMS_LOG: log },
      {
        now: () => clock,
      },
    );
    expect(r.current().message).toBe('LM Link has not been read yet.');
    const first = await r.latest();
    expect(first.available).toBe(true);
    expect(r.current()).toEqual(first);
    clock = 44_999;
    expect(r.current().available).toBe(true);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    clock = 45_000;
    r.current();
    await r.refresh();
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      '["link","status","--json"]',
      '["link","status","--json"]',
    ]);
  });

  it('tells listeners when a reading changes, and reads on its own while anyone listens', async () => {
    const file = join(empty, 'changing.json');
    const link = JSON.parse(readFileSync(fixture, 'utf8')) as { preferredDeviceIdentifier?: string };
    writeFileSync(file, JSON.stringify(link));
    const r = reader({ LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: file }, {});
    const seen: Array<string | null> = [];
    await r.latest();
    const off = r.onChange((state) => seen.push(state.servedBy));
    await r.refresh();
    expect(seen).toEqual([]);
    // The user makes this machine the preferred device again: localhost is served here.
    delete link.preferredDeviceIdentifier;
    writeFileSync(file, JSON.stringify(link));
    await r.refresh();
    expect(seen).toEqual([null]);
    off();
    off();
  });

  it('reads every refreshMs once someone listens, with no call from the listener side', async () => {
    const file = join(empty, 'polled.json');
    writeFileSync(file, readFileSync(fixture, 'utf8'));
    const r = createLmLinkReader({
      lmstudio,
      machines: () => [],
      env: { PATH: process.env.PATH, HOME: empty, LOADOUT_LMS: FAKE_LMS_PATH, LOADOUT_FAKE_LMS_LINK: file },
      lmStudioHome: empty,
      refreshMs: 50,
    });
    const changes: boolean[] = [];
    const off = r.onChange((state) => changes.push(state.available));
    await vi.waitFor(() => expect(r.current().available).toBe(true), { timeout: 10_000 });
    writeFileSync(file, JSON.stringify({ status: 'offline', issues: ['deviceDisabled'], peers: [], deviceName: 'd' }));
    await vi.waitFor(() => expect(changes).toEqual([false]), { timeout: 10_000 });
    off();
  });
});
