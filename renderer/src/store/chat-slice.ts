/**
 * Chat slice: one conversation, the streaming answer, the model the user picked among the
 * loaded ones and why it answers. Deltas of other requests (another window) are ignored.
 */
import type { StateCreator } from 'zustand';
import type { ChatDelta, ChatDone, ChatMessage } from '../../../shared/contract/chat';
import type { AppState, StoreDeps } from './app-state';

export interface ChatTurn extends ChatMessage {
  /** Set on the assistant turn while it streams or when it ended abnormally. */
  status?: 'streaming' | 'done' | 'stopped' | 'error' | 'length';
  error?: string;
}

export interface ChatSlice {
  turns: ChatTurn[];
  chatRequestId: string | null;
  /** The loaded instance the user picked; null = none loaded. */
  chatModel: string | null;
  chatModelPickedByUser: boolean;
  /** The model and reason the core reported for the current answer. */
  answeringModel: { model: string; reason: string } | null;
  chatError: string | null;
  pickChatModel(instanceId: string): void;
  /** Keep the picked model valid when the loaded set changes (first loaded model by default). */
  reconcileChatModel(): void;
  sendPrompt(prompt: string): Promise<void>;
  stopAnswer(): Promise<void>;
  newChat(): void;
  receiveDelta(delta: ChatDelta): void;
  receiveDone(done: ChatDone): void;
}

/** Build the chat slice. */
export function createChatSlice(deps: StoreDeps): StateCreator<AppState, [], [], ChatSlice> {
  return (set, get) => ({
    turns: [],
    chatRequestId: null,
    chatModel: null,
    chatModelPickedByUser: false,
    answeringModel: null,
    chatError: null,
    pickChatModel(instanceId) { set({ chatModel: instanceId, chatModelPickedByUser: true }); },
    reconcileChatModel() {
      const loaded = get().models?.loaded ?? [];
      const current = get().chatModel;
      if (current && loaded.some((m) => m.instanceId === current)) return;
      set({ chatModel: loaded[0]?.instanceId ?? null, chatModelPickedByUser: false });
    },
    async sendPrompt(prompt) {
      const text = prompt.trim();
      if (!text || get().chatRequestId) return;
      const history: ChatMessage[] = get().turns
        .filter((t) => t.status !== 'error' && t.content !== '')
        .map(({ role, content }) => ({ role, content }));
      const messages: ChatMessage[] = [...history, { role: 'user', content: text }];
      set({
        turns: [...get().turns, { role: 'user', content: text }, { role: 'assistant', content: '', status: 'streaming' }],
        chatError: null,
        chatRequestId: 'pending',
      });
      const model = get().chatModel ?? undefined;
      const r = await deps.api.call('chat.send', model ? { messages, model } : { messages });
      if (!r.ok) {
        set((s) => ({ chatRequestId: null, chatError: r.error.message, turns: markLast(s.turns, { status: 'error', error: r.error.message }) }));
        return;
      }
      set((s) => ({
        chatRequestId: r.result.requestId,
        answeringModel: { model: r.result.model, reason: r.result.reason },
        // Deltas that raced ahead of the response were buffered under 'pending'.
        turns: s.turns,
      }));
      const early = deps.pendingDeltas.splice(0);
      for (const d of early) get().receiveDelta(d);
      const earlyDone = deps.pendingDone.splice(0);
      for (const d of earlyDone) get().receiveDone(d);
    },
    async stopAnswer() {
      const id = get().chatRequestId;
      if (!id || id === 'pending') return;
      await deps.api.call('chat.cancel', { requestId: id });
    },
    newChat() {
      void get().stopAnswer();
      set({ turns: [], chatRequestId: null, answeringModel: null, chatError: null });
    },
    receiveDelta(delta) {
      const id = get().chatRequestId;
      if (id === 'pending') { deps.pendingDeltas.push(delta); return; }
      if (delta.requestId !== id) return;
      set((s) => {
        const last = s.turns[s.turns.length - 1];
        if (!last || last.role !== 'assistant') return {};
        return { turns: [...s.turns.slice(0, -1), { ...last, content: last.content + delta.text }] };
      });
    },
    receiveDone(done) {
      const id = get().chatRequestId;
      if (id === 'pending') { deps.pendingDone.push(done); return; }
      if (done.requestId !== id) return;
      const status: ChatTurn['status'] = done.finishReason === 'stop' ? 'done'
        : done.finishReason === 'cancelled' ? 'stopped'
          : done.finishReason === 'length' ? 'length' : 'error';
      set((s) => ({
        chatRequestId: null,
        chatError: done.error?.message ?? null,
        turns: markLast(s.turns, done.error ? { status, error: done.error.message } : { status }),
      }));
    },
  });
}

function markLast(turns: ChatTurn[], patch: Partial<ChatTurn>): ChatTurn[] {
  const last = turns[turns.length - 1];
  if (!last || last.role !== 'assistant') return turns;
  return [...turns.slice(0, -1), { ...last, ...patch }];
}
