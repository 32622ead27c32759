/** Paths of the real H200 / driver 580 captures used by the hardware tests. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CAPTURES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/nvidia-smi/h200-driver-580',
);

/** The text of one capture file. */
export function readCapture(name: string): string {
  return fs.readFileSync(path.join(CAPTURES, name), 'utf8');
}

/** The fields of stream-200ms.csv, in capture order (from the capture's README). */
export const STREAM_FIELDS = [
  'timestamp',
  'utilization.gpu',
  'memory.used',
  'power.draw',
  'power.draw.instant',
  'temperature.gpu',
  'clocks.sm',
  'pstate',
];
