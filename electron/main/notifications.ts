/**
 * Desktop notifications: a preset switch finished, failed or was cancelled; the idle-power watchdog
 * fired; a benchmark finished or failed (a run started from the tray goes on while no window is open). The Notification constructor is injected so tests count what would be shown.
 */
import type { NotificationConstructorOptions } from 'electron';
import type {
  BenchProgress,
  BusyModel,
  ContractEventHub,
  DatabaseLockInfo,
  IdleAlert,
  PresetProgress,
  SettingsProblemInfo,
} from '../../shared/contract';
import { wordIdleAlert } from '../../shared/energy/idle-alert-words';
import { resolveUiLanguage, type UiLanguage } from '../../shared/i18n/languages';
import { translator } from '../../shared/i18n/translate';
import { modelDisplayName, presetDisplayName } from '../../shared/presets/display-names';
import { wordSwitchNotice } from '../../shared/presets/switch-notice';
import { wordFit } from '../../shared/models/fit-notice';
import { wordSettingsProblemDetail } from '../../shared/settings/settings-issue';
import type { BusyTarget } from './busy-notification';
import type { CoreCall } from './tray/tray-controller';
import { fill, shellStrings } from './tray/tray-strings';

/** The slice of Electron's Notification the shell uses ('action': a button of the notification, macOS only). */
export interface ShellNotification {
  /** 'click': no arguments used; 'action': (event, index of the button); 'close', 'failed': the notification is gone. */
  on(event: 'click' | 'action' | 'close' | 'failed', listener: (...args: unknown[]) => void): unknown;
  show(): void;
}

export interface NotifierOptions {
  createNotification(options: NotificationConstructorOptions): ShellNotification;
  events: ContractEventHub;
  call: CoreCall;
  /** The UI language setting ("auto", "en", "pt-BR") and the OS locale. */
  language(): string;
  osLocale: string;
  /** Where a click on the idle alert leads (the monitor fetches the standing alert and shows its card). */
  openMonitor(): void;
  /** Default process.platform. On macOS the idle notification carries the "Unload all models" button itself. */
  platform?: NodeJS.Platform;
  /** The idle notification's switch stopped because these models are still generating (see busy-notification.ts). */
  onBusy?: (busy: BusyModel[], target: BusyTarget) => void;
}

/** Show notifications for switch results and idle alerts; returns the unsubscribe function. */
export function startNotifier(options: NotifierOptions): () => void {
  // Said once per lock of loadout.db, when its waiting rows first overflow (the monitor's banner follows every change).
  let droppingSaid = false;
  return options.events.subscribe((e) => {
    if (e.event === 'database.lock') {
      const { lock } = e.payload;
      if (!lock) droppingSaid = false;
      else if (lock.dropped > 0 && !droppingSaid) {
        droppingSaid = true;
        notifyDatabaseDropping(options, lock);
      }
    }
    if (e.event === 'presets.progress') void notifySwitch(options, e.payload);
    if (e.event === 'energy.idleAlert') notifyIdle(options, e.payload);
    if (e.event === 'bench.progress') notifyBench(options, e.payload);
    if (e.event === 'settings.problem') notifySettingsProblem(options, e.payload.problem);
  });
}

async function notifySwitch(options: NotifierOptions, progress: PresetProgress): Promise<void> {
  if (!['done', 'failed', 'refused', 'cancelled'].includes(progress.phase)) return;
  // Stopped by a generating model: whoever started it asks instead (the window's "Unload anyway?", the tray's busy notification).
  if (progress.phase === 'refused' && progress.busy?.length) return;
  const s = shellStrings(options.language(), options.osLocale);
  const preset = await options.call('presets.get', { id: progress.presetId });
  const name = presetDisplayName(preset, progress.presetId);
  if (progress.phase === 'done') {
    const models = await options.call('models.list');
    const names = models?.loaded.map(modelDisplayName).join(', ') || '—';
    options
      .createNotification({
        title: fill(s.switchDone, { name }),
        body: fill(s.switchDoneBody, { models: names }),
        silent: true,
      })
      .show();
    return;
  }
  const title = fill(progress.phase === 'cancelled' ? s.switchCancelled : s.switchFailed, { name });
  // Worded from the notice in the tray's language; the message is the core's English (an older core sends only that).
  const language = resolveUiLanguage(options.language() as UiLanguage | 'auto', [options.osLocale]);
  const body = progress.fitNotice
    ? wordFit(progress.fitNotice, translator(language), language, true)
    : progress.notice
      ? wordSwitchNotice(progress.notice, translator(language))
      : (progress.message ?? '');
  options.createNotification({ title, body }).show();
}

function notifyIdle(options: NotifierOptions, alert: IdleAlert): void {
  const s = shellStrings(options.language(), options.osLocale);
  const presetId = alert.suggestedPresetId;
  // Notification buttons exist on macOS only; elsewhere the click opens the monitor, whose card has the button.
  const withButton = (options.platform ?? process.platform) === 'darwin' && presetId !== null;
  // Worded from the core's figures in the tray's language, as the monitor's card words them.
  const language = resolveUiLanguage(options.language() as UiLanguage | 'auto', [options.osLocale]);
  const body = alert.words
    ? wordIdleAlert({ ...alert.words, costPerDay: alert.costPerDay }, translator(language), language)
    : alert.message;
  const notification = options.createNotification({
    title: s.idleTitle,
    body,
    ...(withButton ? { actions: [{ type: 'button' as const, text: s.idleUnload }] } : {}),
  });
  notification.on('click', () => options.openMonitor());
  if (withButton) {
    notification.on('action', (_event: unknown, index: unknown) => {
      if (index === 0) void unloadForIdle(options, presetId);
    });
  }
  notification.show();
}

/** The notification's button: apply the suggested preset (its own done/failed notification follows from presets.progress). */
async function unloadForIdle(options: NotifierOptions, presetId: string): Promise<void> {
  const result = await options.call('presets.apply', { id: presetId });
  if (result?.result === 'ok') await options.call('energy.idleAlertDismiss', { snoozeMinutes: 0 });
  else if (result?.result === 'refused' && result.busy?.length) options.onBusy?.(result.busy, { presetId });
}

function notifyBench(options: NotifierOptions, progress: BenchProgress): void {
  if (progress.phase !== 'done' && progress.phase !== 'failed') return;
  const s = shellStrings(options.language(), options.osLocale);
  const speed = progress.lastTokensPerSecond === null ? '—' : progress.lastTokensPerSecond.toFixed(1);
  const notification =
    progress.phase === 'done'
      ? options.createNotification({
          title: fill(s.benchDone, { model: progress.modelKey }),
          body: fill(s.benchDoneBody, { speed }),
          silent: true,
        })
      : options.createNotification({
          title: fill(s.benchFailed, { model: progress.modelKey }),
          body: progress.message ?? '',
        });
  notification.on('click', () => options.openMonitor());
  notification.show();
}

/** A hand edit broke config.json: said once per problem (the store reports only changes); the click opens the monitor, whose banner says it too. */
function notifySettingsProblem(options: NotifierOptions, problem: SettingsProblemInfo | null): void {
  if (!problem) return;
  const s = shellStrings(options.language(), options.osLocale);
  const notification = options.createNotification({
    title: s.settingsProblemTitle,
    body: fill(s.settingsProblemBody, {
      detail: wordSettingsProblemDetail(
        problem,
        translator(resolveUiLanguage(options.language() as UiLanguage | 'auto', [options.osLocale])),
      ),
      file: problem.file,
    }),
  });
  notification.on('click', () => options.openMonitor());
  notification.show();
}

/** loadout.db stayed locked so long that the rows waiting in memory overflow: said once per lock; the click opens the monitor, whose banner follows it. */
function notifyDatabaseDropping(options: NotifierOptions, lock: DatabaseLockInfo): void {
  const s = shellStrings(options.language(), options.osLocale);
  const language = resolveUiLanguage(options.language() as UiLanguage | 'auto', [options.osLocale]);
  const since = new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(lock.since);
  const notification = options.createNotification({
    title: s.dbDroppingTitle,
    body: fill(s.dbDroppingBody, { file: lock.file, since }),
  });
  notification.on('click', () => options.openMonitor());
  notification.show();
}
