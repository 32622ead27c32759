/** The tray's notifier on a fake Electron Notification, a fresh event hub and a UI language, for the notification tests. */
import { createEventHub } from '../../shared/contract';
import { startNotifier } from '../../electron/main/notifications';
import { FakeNotification } from './electron-fakes';

/** Starts the notifier as the Windows tray app does; `created` lists every notification, `opened()` counts monitor opens. */
export function startTestNotifier(language: string, osLocale = 'en-US') {
  const events = createEventHub();
  const created: FakeNotification[] = [];
  let opened = 0;
  const stop = startNotifier({
    createNotification: (options) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    events,
    call: async () => null as never,
    language: () => language,
    osLocale,
    openMonitor: () => {
      opened++;
    },
    platform: 'win32',
  });
  return { events, created, opened: () => opened, stop };
}
