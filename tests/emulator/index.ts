/** The LM Studio emulator's public surface for tests, benches and demos. */
export {
  createLmStudioEmulator,
  type LmStudioEmulator,
  type LmStudioEmulatorOptions,
  type LmStudioEmulatorControl,
} from './emulator';
export { startEmulatorProcess, type EmulatorProcess } from './emulator-process';
export { DEFAULT_CATALOG, type EmulatedModel } from './catalog';
export { answerTokens } from './chat-generation';
export type { EmulatorControlInput } from './routes-control';
export type { EmulatedInstance } from './emulator-state';
export { FAKE_LMS_PATH } from './fake-lms-path';
