import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { defaultSettings } from '../../../shared/settings/schema';

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

  it('keeps one wrong field at its default and names it, without moving the file aside', () => {
    const dir = tempDir();
    const text = JSON.stringify({ energy: { tariff: 'abc', gapLimitSeconds: 9 } });
    fs.writeFileSync(path.join(dir, 'config.json'), text);
    let reported = '';
    const store = new SettingsStore({ dataDir: dir, onRecovered: (m) => (reported = m) });
    expect(reported).toContain('energy.tariff: expected a number (found text)');
    expect(store.problem?.paths).toEqual(['energy.tariff']);
    expect(store.get().energy).toMatchObject({ tariff: null, gapLimitSeconds: 9 });
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('config.damaged-'))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(text);
  });

  it.each([
    ['truncated', (good: string) => good.slice(0, 25), /not valid JSON: it ends too early/],
    [
      'a wrong type',
      () => JSON.stringify({ energy: { tariff: 0.5, gapLimitSeconds: 'five' } }),
      /energy\.gapLimitSeconds: expected a number \(found text\)/,
    ],
    ['null', () => 'null', /holds null instead of a settings object/],
    ['[]', () => '[]', /holds a list instead of a settings object/],
    ['a string', () => '"oops"', /holds text instead of a settings object/],
  ])(
    'while running, a file made %s keeps the last good settings, reported once, file untouched',
    (_name, rewrite, detail) => {
      const dir = tempDir();
      const store = new SettingsStore({ dataDir: dir });
      store.update((s) => ({ ...s, energy: { ...s.energy, tariff: 0.5, gapLimitSeconds: 7 } }));
      const file = path.join(dir, 'config.json');
      const seen: Array<string | null> = [];
      store.onProblem((p) => seen.push(p?.message ?? null));
      const bad = rewrite(fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, bad);
      for (let i = 0; i < 3; i++) expect(store.get().energy).toMatchObject({ tariff: 0.5, gapLimitSeconds: 7 });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(detail);
      expect(seen[0]).toContain('keeps the last good settings');
      expect(fs.readFileSync(file, 'utf8')).toBe(bad);
      fs.writeFileSync(file, JSON.stringify({ energy: { tariff: 0.7 } }));
      expect(store.get().energy.tariff).toBe(0.7);
      expect(seen).toEqual([seen[0], null]);
      expect(store.problem).toBeNull();
    },
  );

  it('tells every problem listener, and reports one that throws instead of failing the read', () => {
    const dir = tempDir();
    const failures: Array<[unknown, string]> = [];
    const store = new SettingsStore({ dataDir: dir, onListenerError: (error, event) => failures.push([error, event]) });
    store.get();
    const broke = new Error('listener broke');
    store.onProblem(() => {
      throw broke;
    });
    const seen: Array<string | null> = [];
    store.onProblem((p) => seen.push(p?.message ?? null));
    fs.writeFileSync(path.join(dir, 'config.json'), 'null');
    expect(store.get().energy).toEqual(defaultSettings().energy);
    expect(seen).toHaveLength(1);
    expect(failures).toEqual([[broke, 'problem']]);
  });

  it('a save over a broken file keeps the broken one aside', () => {
    const dir = tempDir();
    const store = new SettingsStore({ dataDir: dir });
    const file = path.join(dir, 'config.json');
    fs.writeFileSync(file, '{"energy": {"tariff": 0.');
    store.get();
    store.update((s) => ({ ...s, energy: { ...s.energy, tariff: 0.9 } }));
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).energy.tariff).toBe(0.9);
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('config.damaged-'));
    expect(fs.readFileSync(path.join(dir, aside!), 'utf8')).toBe('{"energy": {"tariff": 0.');
    expect(store.problem).toBeNull();
  });
});
