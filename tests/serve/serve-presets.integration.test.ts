/**
 * The presets screen's editing calls over `loadout serve`'s app API (the same handlers the tray app binds
 * to IPC): duplicate, export, import, reorder and the pinned list, each saved through the real store
 * and announced with presets.changed. No LM Studio is needed for any of them.
 */
import { describe, expect, it } from 'vitest';
import { useServeSession } from '../support/serve-session';

const session = useServeSession();
const start = () => session.start({ env: { LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9' } });

type PresetList = {
  presets: Array<{ id: string; name: string; builtIn?: boolean; models: unknown[] }>;
  pinned: string[];
};
const ids = (list: PresetList) => list.presets.map((p) => p.id);

describe('presets editing over the app API', () => {
  it('duplicates a built-in as the user own copy, under a free id, and announces it', async () => {
    const ws = await start();
    const first = (await ws.call('presets.duplicate', { id: 'dev' })).result as {
      id: string;
      name: string;
      builtIn: boolean;
      models: unknown[];
    };
    expect(first).toMatchObject({ id: 'dev-copy', name: 'Dev (copy)', builtIn: false });
    const dev = (await ws.call('presets.get', { id: 'dev' })).result as { models: unknown[] };
    expect(first.models).toEqual(dev.models);
    const second = (await ws.call('presets.duplicate', { id: 'dev', newName: 'Dev 8k' })).result;
    expect(second).toMatchObject({ id: 'dev-copy-2', name: 'Dev 8k' });
    expect(
      await ws.waitForEvent('presets.changed', 5000, (p) => ids(p as PresetList).includes('dev-copy-2')),
    ).toBeTruthy();
    expect((await ws.call('presets.duplicate', { id: 'nope' })).error).toMatchObject({ code: 'not-found' });
  });

  it('exports, then imports: a clash is skipped with why, replace overwrites, bad entries are named', async () => {
    const ws = await start();
    await ws.call('presets.duplicate', { id: 'light', newName: 'Mine' });
    const { json } = (await ws.call('presets.export', { ids: ['light-copy'] })).result as { json: string };
    expect(JSON.parse(json)).toMatchObject({ presets: [{ id: 'light-copy', name: 'Mine' }] });

    const clash = (await ws.call('presets.import', { json })).result as {
      imported: unknown[];
      skipped: Array<{ id: string; reason: string }>;
    };
    expect(clash.imported).toEqual([]);
    // The English reason for the CLI, and the coded problem a window words in its own language.
    expect(clash.skipped).toEqual([
      { id: 'light-copy', reason: expect.stringContaining('already exists'), problem: { kind: 'exists' } },
    ]);

    const renamed = json.replace('"Mine"', '"Mine, edited"');
    const replaced = (await ws.call('presets.import', { json: renamed, replace: true })).result as {
      imported: Array<{ name: string }>;
    };
    expect(replaced.imported.map((p) => p.name)).toEqual(['Mine, edited']);
    expect((await ws.call('presets.get', { id: 'light-copy' })).result).toMatchObject({ name: 'Mine, edited' });

    const bad = (
      await ws.call('presets.import', {
        json: '{"presets":[{"id":"x","name":"X","models":[{"key":"m","gpuOffload":2}]}]}',
      })
    ).result as { imported: unknown[]; skipped: Array<{ reason: string; problem?: unknown }> };
    expect(bad.imported).toEqual([]);
    expect(bad.skipped[0]!.reason).toMatch(/gpuOffload/);
    expect(bad.skipped[0]!.problem).toEqual({ kind: 'invalid', fields: [expect.stringMatching(/gpuOffload/)] });
  });

  it('reorders and replaces the pinned list, and presets.list reads both back', async () => {
    const ws = await start();
    const reordered = (await ws.call('presets.reorder', { ids: ['gaming', 'light'] })).result as PresetList;
    expect(ids(reordered).slice(0, 2)).toEqual(['gaming', 'light']);
    expect(ids(reordered)).toHaveLength(5);
    const pinned = (await ws.call('presets.setPinned', { pinned: ['qwen2.5-7b-instruct'] })).result as PresetList;
    expect(pinned.pinned).toEqual(['qwen2.5-7b-instruct']);
    const again = (await ws.call('presets.list')).result as PresetList;
    expect(ids(again).slice(0, 2)).toEqual(['gaming', 'light']);
    expect(again.pinned).toEqual(['qwen2.5-7b-instruct']);
  });
});
