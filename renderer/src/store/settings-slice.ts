/** Settings slice: the public settings (no secrets), partial updates and the write-only LM Studio token and routing secrets. */
import type { StateCreator } from 'zustand';
import type {
  PublicSettings,
  RoutingSecretTarget,
  SettingsPatch,
  SettingsProblemInfo,
} from '../../../shared/contract/settings';
import type { AppState, StoreDeps } from './app-state';

export interface SettingsSlice {
  settings: PublicSettings | null;
  settingsError: string | null;
  /** The OS locale the core reported (app.info), for the language default. */
  osLocale: string | null;
  receiveSettings(settings: PublicSettings): void;
  /** What is wrong with config.json now (a hand edit); the core keeps the last good settings meanwhile. */
  settingsProblem: SettingsProblemInfo | null;
  receiveSettingsProblem(problem: SettingsProblemInfo | null): void;
  loadSettings(): Promise<void>;
  /** Save a partial update; returns the error message or null. */
  saveSettings(patch: SettingsPatch): Promise<string | null>;
  /** Store (or with null, clear) the LM Studio token; it never comes back. */
  setLmStudioToken(token: string | null): Promise<string | null>;
  /** Store (or with null, clear) the cloud API key or a machine's token; returns the error message or null. */
  setRoutingSecret(target: RoutingSecretTarget, secret: string | null): Promise<string | null>;
}

/** Build the settings slice. */
export function createSettingsSlice(deps: StoreDeps): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: null,
    settingsError: null,
    osLocale: null,
    settingsProblem: null,
    receiveSettings(settings) {
      set({ settings, settingsError: null });
    },
    receiveSettingsProblem(settingsProblem) {
      set({ settingsProblem });
    },
    async loadSettings() {
      const [r, info, problem] = await Promise.all([
        deps.api.call('settings.get', undefined),
        deps.api.call('app.info', undefined),
        deps.api.call('settings.problem', undefined),
      ]);
      if (info.ok) set({ osLocale: info.result.locale });
      if (problem?.ok) set({ settingsProblem: problem.result.problem });
      if (r.ok) set({ settings: r.result, settingsError: null });
      else set({ settingsError: r.error.message });
    },
    async saveSettings(patch) {
      const r = await deps.api.call('settings.set', patch);
      if (!r.ok) return r.error.message;
      set({ settings: r.result });
      return null;
    },
    async setLmStudioToken(token) {
      const r = await deps.api.call('settings.setLmStudioToken', { token });
      if (!r.ok) return r.error.message;
      const current = get().settings;
      if (current) set({ settings: { ...current, lmstudio: { ...current.lmstudio, hasToken: r.result.hasToken } } });
      return null;
    },
    async setRoutingSecret(target, secret) {
      const r = await deps.api.call('settings.setRoutingSecret', { target, secret });
      if (!r.ok) return r.error.message;
      set({ settings: r.result });
      return null;
    },
  });
}
