/** A fresh energy ledger in a temporary data folder, for integration tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEnergyLedger } from '../../electron/core/energy/energy-service';

/** Open a ledger in a new temp folder; call cleanup() when done. */
export function tempLedger(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-energy-'))) {
  const { opened, ledger } = openEnergyLedger(dir);
  return {
    dir,
    ledger,
    opened,
    cleanup() {
      opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
