/** A TrayController over fake Electron parts, as the tray tests build it: only what a test cares about is passed. */
import type { Menu, Tray } from 'electron';
import { TrayController, type CoreCall, type TrayControllerOptions } from '../../electron/main/tray/tray-controller';
import { createEventHub } from '../../shared/contract';
import { fakeIcon, FakeMenu, FakeTray } from './electron-fakes';

export type TrayOverrides = Partial<Omit<TrayControllerOptions, 'call' | 'actions'>> & {
  actions?: Partial<TrayControllerOptions['actions']>;
};

/** The controller answering through `call`, in English unless `osLocale` says otherwise; the menu's actions do nothing unless given. */
export function buildTray(call: CoreCall, { actions, ...overrides }: TrayOverrides = {}) {
  let tray: FakeTray | null = null;
  const events = overrides.events ?? createEventHub();
  const controller = new TrayController({
    createTray: (icon) => (tray = new FakeTray(icon)) as unknown as Tray,
    buildMenu: (template) => new FakeMenu(template) as unknown as Menu,
    loadIcon: (state) => fakeIcon(state),
    osLocale: 'en-US',
    ...overrides,
    events,
    call,
    actions: {
      toggleQuickChat: () => {},
      openMonitor: () => {},
      openSettings: () => {},
      setStartAtLogin: () => {},
      quit: () => {},
      ...actions,
    },
  });
  return { controller, events, tray: () => tray! };
}
