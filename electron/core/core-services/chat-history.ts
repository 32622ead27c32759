/**
 * The process's one chat history on loadout.db: opened on first use, through the database-lock writer,
 * shared by the quick chat, `loadout chat` and the OpenAI endpoint.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChatStore } from '../chat/chat-store';
import { tryOpenChatStore } from '../chat/open-chat-store';
import type { WriterLockReport } from '../db/db-lock-status';
import { DATABASE_FILE } from '../db/open-database';

export interface ChatHistory {
  /** The store, opened (and loadout.db created) on first call; null when it cannot be opened (said once through onMessage). */
  store(): ChatStore | null;
  /** The store only when loadout.db already exists: reading evidence never creates the file. */
  existing(): ChatStore | null;
  /** Write what is batched and close; a later `store()` opens it again. */
  close(): void;
}

/** The chat history of `dataDir`, opened lazily. */
export function createChatHistory(
  dataDir: string,
  onMessage: (message: string) => void,
  onLockState?: WriterLockReport,
): ChatHistory {
  let opened: { store: ChatStore | null; close(): void } | null = null;
  const store = () => (opened ??= tryOpenChatStore(dataDir, onMessage, onLockState)).store;
  return {
    store,
    existing: () => (opened || fs.existsSync(path.join(dataDir, DATABASE_FILE)) ? store() : null),
    close() {
      opened?.close();
      opened = null;
    },
  };
}
