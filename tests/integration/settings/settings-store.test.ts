import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/core/settings/settings-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('SettingsStore', () => {
  it('persists validated settings to config.json', () => {
    const dir = tempDir();
    const store = new SettingsStore({ dataDir: dir });
    store.update((s) => ({ ...s, energy: { ...s.energy, tariff: 0.89 } }));
    expect(new SettingsStore({ dataDir: dir }).get().energy.tariff).toBe(0.89);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).energy.tariff).toBe(0.89);
  });

  it('rejects an invalid change and keeps what was on disk', () => {
    const dir = tempDir();
    const store = new SettingsStore({ dataDir: dir });
    store.update((s) => ({ ...s, energy: { ...s.energy, tariff: 0.5 } }));
    expect(() => store.update((s) => ({ ...s, sampler: { intervalMs: -1 } }))).toThrow();
    expect(store.get().energy.tariff).toBe(0.5);
  });

  it('sees what another process wrote, and hands out copies that callers may change', () => {
    const dir = tempDir();
    const app = new SettingsStore({ dataDir: dir });
    expect(app.get().energy.tariff).toBeNull();
    new SettingsStore({ dataDir: dir }).update((s) => ({ ...s, energy: { ...s.energy, tariff: 0.75 } }));
    expect(app.get().energy.tariff).toBe(0.75);
    const copy = app.get();
    copy.energy.tariff = 123;
    copy.presets.push({ id: 'x', name: 'X', description: '', models: [], exclusive: true, builtIn: false });
    expect(app.get().energy.tariff).toBe(0.75);
    expect(app.get().presets).toEqual([]);
  });

  it('moves a corrupt file aside and reports it instead of overwriting it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'config.json'), '{ this is not json');
    let reported = '';
    const store = new SettingsStore({ dataDir: dir, onRecovered: (m) => (reported = m) });
    expect(reported).toMatch(/moved to .*config\.damaged-\d+\.json/);
    expect(store.get().lmstudio.baseUrl).toBe('http://127.0.0.1:1234');
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('config.damaged-'));
    expect(fs.readFileSync(path.join(dir, aside!), 'utf8')).toBe('{ this is not json');
  });
});
