/**
 * Gaming mode's notifications (issue 19): a game started while a model still answers ("Unload anyway" on
 * click: the answer is cut off only then), and models that could not come back after the game (the
 * message says why and what to do; the tray keeps "Restore models now").
 */
import type { NotificationConstructorOptions } from 'electron';
import type { ContractEventHub, GamingStatus } from '../../shared/contract';
import { gameLabel } from '../../shared/gaming/game-name';
import { wordGamingNotice } from '../../shared/gaming/gaming-notice';
import type { ShellNotification } from './notifications';
import type { CoreCall } from './tray/tray-controller';
import { fill, shellStrings, shellTranslator } from './tray/tray-strings';

export interface GamingNotifierDeps {
  createNotification(options: NotificationConstructorOptions): ShellNotification;
  events: ContractEventHub;
  call: CoreCall;
  /** The UI language setting ("auto", "en", "pt-BR") and the OS locale. */
  language(): string;
  osLocale: string;
}

/** Notify on gaming.changed as the module comment says; returns the unsubscribe function. */
export function startGamingNotifier(deps: GamingNotifierDeps): () => void {
  let last: GamingStatus | null = null;
  return deps.events.subscribe((e) => {
    if (e.event !== 'gaming.changed') return;
    const now = e.payload;
    const before = last;
    last = now;
    const s = shellStrings(deps.language(), deps.osLocale);
    if (now.phase === 'asking' && before?.phase !== 'asking') {
      const notification = deps.createNotification({
        title: fill(s.gamingAsking, { game: gameLabel(now.games[0] ?? '', s.gamingUnnamedGame) }),
        body: fill(s.gamingAskingBody, { models: now.busyModels.join(', ') }),
      });
      notification.on('click', () => void deps.call('gaming.unloadAnyway', {}));
      notification.show();
    }
    const ended = now.history[0];
    if (ended?.outcome === 'restore-failed' && now.message && before?.history[0]?.endedAt !== ended.endedAt)
      deps
        .createNotification({
          title: s.gamingRestoreFailed,
          body: now.notice
            ? wordGamingNotice(now.notice, shellTranslator(deps.language(), deps.osLocale))
            : now.message,
        })
        .show();
  });
}
