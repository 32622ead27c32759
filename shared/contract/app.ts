/** Contract: facts about the running Loadout process and which services it has. */
import { z } from 'zod';
import { NoInput } from './common';
import { defineMethod } from './define';

export const ServiceNameSchema = z.enum(['hardware', 'lmstudio', 'presets', 'energy', 'chat', 'secrets']);
export type ServiceName = z.infer<typeof ServiceNameSchema>;

/**
 * The app contract's version: raised when a method another machine relies on changes shape. A main
 * machine refuses an agent below the version it needs (issue 18); absent from cores before the fleet (1).
 */
export const APP_CONTRACT_VERSION = 2;

export const AppInfoSchema = z.object({
  name: z.literal('Loadout'),
  version: z.string(),
  /** "electron" in the tray app, "serve" in `loadout serve` (browser). */
  host: z.enum(['electron', 'serve']),
  platform: z.string(),
  arch: z.string(),
  /** The OS locale (e.g. "pt-BR"), for the language default. */
  locale: z.string(),
  /** Which services run in this process; methods of a missing one answer `unavailable`. */
  services: z.record(ServiceNameSchema, z.boolean()),
  /**
   * Where a secret typed in the settings would be kept: the OS keychain, nowhere, or (a Linux desktop
   * without a keyring) only a plain-text store, which Loadout refuses. Absent from older cores.
   */
  secretStorage: z.enum(['encrypted', 'plain-text-only', 'none']).optional(),
  /** APP_CONTRACT_VERSION of this core; absent from cores before the fleet. */
  contract: z.number().int().positive().optional(),
  /** This machine's clock when it answered (epoch ms), so a main machine sees a skewed clock; absent from older cores. */
  time: z.number().optional(),
  /** Requests waiting on this machine now (delegation asks in line, answers behind another on a model); absent from older cores. */
  queue: z.number().int().nonnegative().optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appMethods = {
  'app.info': defineMethod(NoInput, AppInfoSchema, 'Version, platform, locale and available services.'),
} as const;
