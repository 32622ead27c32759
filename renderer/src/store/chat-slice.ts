/**
 * Chat slice: one conversation, the streaming answer, who answers and why, each finished answer's
 * measurements and the user's 👍/👎. The conversation is kept by the core (its id comes back with the
 * first answer). Deltas of other requests (another window) are ignored.
 */
import type { StateCreator } from 'zustand';
import type { ChatDelta, ChatDone, ChatMessage, ChatStarted } from '../../../shared/contract/chat';
import { readNoRouteProblem } from '../../../shared/routing/no-route-problem';
import type { ReasonParts } from '../../../shared/routing/reason-text';
import type { AppState, StoreDeps } from './app-state';
import { conversationMessages } from './chat-route-slice';

export interface ChatTurn extends ChatMessage {
  /** Set on the assistant turn while it streams or when it ended abnormally. */
  /** 'cut': the answer stopped halfway; the text is what arrived. */
  status?: 'streaming' | 'done' | 'stopped' | 'error' | 'length' | 'cut';
  error?: string;
  /** Why no model could answer, as the router's parts (worded in the window's language); `error` is its English. */
  errorReason?: ReasonParts;
  /** The chat service's code for a failed answer (ChatDone.failure.code), for the window to word. */
  errorCode?: string;
  /** The model that answered (assistant turns, once known). */
  model?: string;
  /** The kept answer's id, for 👍/👎; null when the core keeps no history. */
  messageId?: number | null;
  ttftMs?: number | null;
  tokensPerSecond?: number | null;
  energyWh?: number | null;
  /** The user's rating of this answer. */
  rating?: 1 | -1 | null;
  /** Why the last rating was not saved. */
  ratingError?: string | null;
  /** The first choice that failed before `model` answered instead. */
  fallbackFrom?: string | null;
  /** The other machine that answered; null = this one (or the cloud). */
  machine?: string | null;
}

export interface ChatSlice {
  turns: ChatTurn[];
  chatRequestId: string | null;
  /** The model, reason (as data too) and task the core reported for the current answer. */
  answeringModel: ChatStarted | null;
  /** The kept conversation this window adds to; null = the next question starts one. */
  conversationId: string | null;
  chatError: string | null;
  sendPrompt(prompt: string): Promise<void>;
  stopAnswer(): Promise<void>;
  /** Clear the conversation and the user's model pick (the next question starts a new kept conversation). */
  newChat(): void;
  /** Show a kept conversation that the next question continues; refused (false) while a question is on its way. */
  showConversation(conversationId: string, turns: ChatTurn[]): boolean;
  /** 👍 (1) or 👎 (-1) the assistant turn at `index`; the same rating again clears it. */
  rateAnswer(index: number, rating: 1 | -1): Promise<void>;
  receiveDelta(delta: ChatDelta): void;
  receiveDone(done: ChatDone): void;
}

/** The assistant turn's failure: the error's English, and the router's reason parts when no model could answer. */
function failedTurn(
  status: ChatTurn['status'],
  error: { message: string; problem?: unknown },
  code?: string,
): Pick<ChatTurn, 'status' | 'error' | 'errorReason' | 'errorCode'> {
  const reason = readNoRouteProblem(error.problem);
  return {
    status,
    error: error.message,
    ...(reason ? { errorReason: reason } : {}),
    ...(code ? { errorCode: code } : {}),
  };
}

/** Build the chat slice. */
export function createChatSlice(deps: StoreDeps): StateCreator<AppState, [], [], ChatSlice> {
  return (set, get) => ({
    turns: [],
    chatRequestId: null,
    answeringModel: null,
    conversationId: null,
    chatError: null,
    async sendPrompt(prompt) {
      const text = prompt.trim();
      if (!text || get().chatRequestId) return;
      const messages: ChatMessage[] = [...conversationMessages(get()), { role: 'user', content: text }];
      set({
        turns: [
          ...get().turns,
          { role: 'user', content: text },
          { role: 'assistant', content: '', status: 'streaming' },
        ],
        chatError: null,
        chatRequestId: 'pending',
      });
      const model = get().chatOverride?.modelKey;
      const conversationId = get().conversationId ?? 'new';
      const r = await deps.api.call(
        'chat.send',
        model ? { messages, model, conversationId } : { messages, conversationId },
      );
      if (!r.ok) {
        set((s) => ({
          chatRequestId: null,
          chatError: r.error.message,
          turns: markLast(s.turns, failedTurn('error', r.error)),
        }));
        return;
      }
      set((s) => ({
        chatRequestId: r.result.requestId,
        answeringModel: r.result,
        turns: markLast(s.turns, { model: r.result.model }),
      }));
      // The chip now names who answers; typing the next question previews again.
      get().forgetRoutePreview();
      // Deltas that raced ahead of the response were buffered under 'pending'.
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
      set({ turns: [], chatRequestId: null, answeringModel: null, conversationId: null, chatError: null });
      get().clearChatPick();
    },
    showConversation(conversationId, turns) {
      if (get().chatRequestId) return false;
      set({ turns, conversationId, answeringModel: null, chatError: null });
      return true;
    },
    async rateAnswer(index, rating) {
      const turn = get().turns[index];
      if (!turn || turn.role !== 'assistant' || typeof turn.messageId !== 'number') return;
      const before = turn.rating ?? null;
      const next = before === rating ? null : rating;
      const patch = (value: Partial<ChatTurn>) =>
        set((s) => ({ turns: s.turns.map((t, i) => (i === index ? { ...t, ...value } : t)) }));
      patch({ rating: next, ratingError: null });
      const r = await deps.api.call('chat.rate', { messageId: turn.messageId, rating: next ?? 0 });
      if (!r.ok) patch({ rating: before, ratingError: r.error.message });
    },
    receiveDelta(delta) {
      const id = get().chatRequestId;
      if (id === 'pending') {
        deps.pendingDeltas.push(delta);
        return;
      }
      if (delta.requestId !== id) return;
      set((s) => {
        const last = s.turns[s.turns.length - 1];
        if (!last || last.role !== 'assistant') return {};
        return { turns: [...s.turns.slice(0, -1), { ...last, content: last.content + delta.text }] };
      });
    },
    receiveDone(done) {
      const id = get().chatRequestId;
      if (id === 'pending') {
        deps.pendingDone.push(done);
        return;
      }
      if (done.requestId !== id) return;
      const status: ChatTurn['status'] = done.cut
        ? 'cut'
        : done.finishReason === 'stop'
          ? 'done'
          : done.finishReason === 'cancelled'
            ? 'stopped'
            : done.finishReason === 'length'
              ? 'length'
              : 'error';
      const measured: Partial<ChatTurn> = {
        ...(done.model ? { model: done.model } : {}),
        fallbackFrom: done.fallbackFrom ?? null,
        machine: done.machine ?? null,
        messageId: done.messageId ?? null,
        ttftMs: done.ttftMs ?? null,
        tokensPerSecond: done.tokensPerSecond ?? null,
        energyWh: done.energyWh ?? null,
      };
      set((s) => ({
        chatRequestId: null,
        chatError: done.error?.message ?? null,
        conversationId: done.conversationId ?? s.conversationId,
        turns: markLast(
          s.turns,
          done.error ? failedTurn(status, done.error, done.failure?.code) : { status, ...measured },
        ),
      }));
    },
  });
}

/** Join consecutive deltas of the same request into one (a frame's worth becomes one store update). */
export function joinChatDeltas(deltas: readonly ChatDelta[]): ChatDelta[] {
  const joined: ChatDelta[] = [];
  for (const delta of deltas) {
    const last = joined[joined.length - 1];
    if (last && last.requestId === delta.requestId)
      joined[joined.length - 1] = { requestId: last.requestId, text: last.text + delta.text };
    else joined.push(delta);
  }
  return joined;
}

function markLast(turns: ChatTurn[], patch: Partial<ChatTurn>): ChatTurn[] {
  const last = turns[turns.length - 1];
  if (!last || last.role !== 'assistant') return turns;
  return [...turns.slice(0, -1), { ...last, ...patch }];
}
