/** Opens the chat history and routing log in the shared loadout.db (WAL, migrations per component). */
import type { WriterLockReport } from '../db/db-lock-status';
import { openDatabase, type OpenedDatabase } from '../db/open-database';
import { BACKGROUND_BUSY_TIMEOUT_MS } from '../db/pending-writes';
import { CHAT_COMPONENT, CHAT_MIGRATIONS } from './chat-schema';
import { ChatStore } from './chat-store';

/** Open the chat tables in `dataDir`; the caller closes `opened` when done. */
export function openChatStore(
  dataDir: string,
  onMessage?: (message: string) => void,
  onLockState?: WriterLockReport,
): { opened: OpenedDatabase; store: ChatStore } {
  // Written on the event loop (serve, the tray app): a held lock costs a few ms, and the queued writes are retried.
  const opened = openDatabase(dataDir, {
    component: CHAT_COMPONENT,
    migrations: CHAT_MIGRATIONS,
    onRecovered: onMessage,
    busyTimeoutMs: BACKGROUND_BUSY_TIMEOUT_MS,
  });
  const store = new ChatStore(opened.db, Date.now, { onMessage, onLockState });
  // Closing writes what the store still holds back (the routing log, endpoint samples) first.
  return {
    opened: {
      ...opened,
      close: () => {
        store.flush();
        opened.close();
      },
    },
    store,
  };
}

/** Open the chat store, or say why not and go on without history (a locked or unreadable database never blocks a question). */
export function tryOpenChatStore(
  dataDir: string,
  onMessage: (message: string) => void,
  onLockState?: WriterLockReport,
): { store: ChatStore | null; close(): void } {
  try {
    const { opened, store } = openChatStore(dataDir, onMessage, onLockState);
    return { store, close: () => opened.close() };
  } catch (error) {
    onMessage(
      `chat history unavailable (${error instanceof Error ? error.message : String(error)}); going on without it.`,
    );
    return { store: null, close: () => {} };
  }
}
