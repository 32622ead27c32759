/**
 * Chat history slice: the quick chat's kept conversations (newest first) and reopening one, so a
 * conversation survives closing the window or restarting Loadout. The core keeps them in loadout.db.
 */
import type { StateCreator } from 'zustand';
import type { ChatConversation, ChatStoredMessage } from '../../../shared/contract/chat';
import type { AppState, StoreDeps } from './app-state';
import type { ChatTurn } from './chat-slice';

export interface ChatHistorySlice {
  /** Recent kept conversations; null until loaded. */
  chatHistory: ChatConversation[] | null;
  chatHistoryError: string | null;
  loadChatHistory(): Promise<void>;
  /** Show a kept conversation; the next question continues it. */
  openConversation(id: string): Promise<void>;
}

/** A kept message as a turn of the quick chat. */
export function turnFromStored(m: ChatStoredMessage): ChatTurn {
  if (m.role !== 'assistant') return { role: m.role, content: m.content };
  return {
    role: 'assistant',
    content: m.content,
    status: 'done',
    model: m.model ?? undefined,
    messageId: m.id,
    ttftMs: m.ttftMs,
    tokensPerSecond: m.tokensPerSecond,
    energyWh: m.energyWh,
    rating: m.rating,
  };
}

/** Build the chat history slice. */
export function createChatHistorySlice(deps: StoreDeps): StateCreator<AppState, [], [], ChatHistorySlice> {
  return (set, get) => ({
    chatHistory: null,
    chatHistoryError: null,
    async loadChatHistory() {
      const r = await deps.api.call('chat.history', { limit: 20 });
      if (r.ok) set({ chatHistory: r.result.conversations, chatHistoryError: null });
      else set({ chatHistoryError: r.error.message });
    },
    async openConversation(id) {
      if (get().chatRequestId) return;
      const r = await deps.api.call('chat.conversation', { id });
      if (!r.ok) {
        set({ chatHistoryError: r.error.message });
        return;
      }
      // A question asked while the conversation loaded wins; the chat slice says so.
      if (!get().showConversation(id, r.result.messages.map(turnFromStored))) return;
      set({ chatHistoryError: null });
      void get().refreshRoute();
    },
  });
}
