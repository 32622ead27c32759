import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsStore } from '../../electron/core/settings/settings-store';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) fs.rmSync(home, { recursive: true, force: true });
});

/** Stands in for electron-store: a Conf subclass opened the way electron/main/electron-settings-store.ts opens it. */
class FakeElectronStore extends Conf<Record<string, unknown>> {
  static opened: string[] = [];
  constructor(options: { cwd: string; name: string }) {
    super({ cwd: options.cwd, configName: options.name, projectName: 'electron-app' });
    FakeElectronStore.opened.push(this.path);
  }
}

describe('settings shared between the tray app and the CLI', () => {
  it('the app (electron-store) and the CLI (conf) read and write one config.json', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-settings-'));
    homes.push(home);
    const app = new SettingsStore({
      dataDir: home,
      openConf: ({ cwd, configName }) => new FakeElectronStore({ cwd, name: configName }),
    });
    expect(FakeElectronStore.opened).toEqual([path.join(home, 'config.json')]);
    app.update((s) => ({ ...s, ui: { ...s.ui, quickChatHotkey: 'Alt+Shift+K' } }));
    const cli = new SettingsStore({ dataDir: home });
    expect(cli.path).toBe(app.path);
    expect(cli.get().ui.quickChatHotkey).toBe('Alt+Shift+K');
    cli.update((s) => ({ ...s, energy: { ...s.energy, tariff: 0.89 } }));
    expect(app.get().energy.tariff).toBe(0.89);
  });
});
