/** Where the fake `lms` CLI lives: point LOADOUT_LMS here (with LOADOUT_LMSTUDIO_URL at the emulator). */
import { fileURLToPath } from 'node:url';

export const FAKE_LMS_PATH = fileURLToPath(new URL('../fakes/lms/lms', import.meta.url));
