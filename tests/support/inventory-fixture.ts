/** The reference user's machine inventory (RTX 3090, Ryzen 7 9800X3D, 96 GB DDR5-5200), from tests/fixtures/profile. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MachineInventorySchema, type MachineInventory } from '../../shared/hardware/inventory';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/profile/ryzen-9800x3d-rtx3090.json');
export const RTX3090_INVENTORY: MachineInventory = MachineInventorySchema.parse(
  JSON.parse(fs.readFileSync(file, 'utf8')),
);
