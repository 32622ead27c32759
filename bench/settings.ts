/**
 * `npm run bench -- settings`: the cost of `SettingsStore.get()`, which the energy tracker and the idle
 * watchdog call on every 1-Hz sample, against re-reading and re-parsing config.json each time (what it
 * did before it cached by file identity), in one run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { builtInPresets } from '../shared/presets/builtins';
import { migrateSettings } from '../shared/settings/migrate';
import { SettingsSchema } from '../shared/settings/schema';
import { SettingsStore } from '../electron/core/settings/settings-store';

const CALLS = 5000;

function timeMs(fn: () => void): number {
  const t = performance.now();
  for (let i = 0; i < CALLS; i++) fn();
  return (performance.now() - t) / CALLS;
}

export async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-bench-settings-'));
  try {
    const store = new SettingsStore({ dataDir: dir });
    // A realistic file: the built-in presets saved, a tariff, pinned models.
    store.update((s) => ({
      ...s,
      presets: builtInPresets(),
      pinned: ['qwen2.5-7b-instruct'],
      energy: { ...s.energy, tariff: 0.89 },
    }));
    const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: 'config', projectName: 'loadout' });
    const reparse = () => void SettingsSchema.parse(migrateSettings(conf.store));
    const cached = () => void store.get();
    reparse();
    cached();
    const baseline = timeMs(reparse);
    const ours = timeMs(cached);
    console.log(`settings read, ${CALLS} calls each, config.json of ${fs.statSync(store.path).size} bytes:`);
    console.log(`  re-read + parse every call (baseline): ${(baseline * 1000).toFixed(1)} µs`);
    console.log(
      `  SettingsStore.get() (stat + copy):      ${(ours * 1000).toFixed(1)} µs   ×${(baseline / ours).toFixed(1)} faster`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
