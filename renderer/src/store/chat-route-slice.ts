/**
 * Chat routing slice: which model the quick chat would use for the prompt being typed (a dry
 * `chat.route`), the runners-up for the model chip's menu, and the user's pick, which stays until
 * "Auto" or a new chat. Answers to an older preview than the newest are dropped.
 */
import type { StateCreator } from 'zustand';
import type { ChatMessage, ChatRoute } from '../../../shared/contract/chat';
import type { AppState, StoreDeps } from './app-state';

/** The model the user picked in the chip's menu. */
export interface ChatOverride {
  modelKey: string;
  displayName: string;
}

export interface ChatRouteSlice {
  /** The user's pick; null = Auto (the router chooses). */
  chatOverride: ChatOverride | null;
  /** The latest dry decision for the prompt being typed. */
  chatRoute: ChatRoute | null;
  chatRouteError: string | null;
  /** The prompt the latest preview was for; null = this window never previewed (then nothing refreshes). */
  routePrompt: string | null;
  /** Pick a model for the next questions (null = back to Auto); the preview follows. */
  pickChatModel(option: ChatOverride | null): Promise<void>;
  /** Ask the core which model would take the conversation plus `prompt`. */
  previewRoute(prompt: string): Promise<void>;
  /** Preview again for the same prompt (the loaded models changed). */
  refreshRoute(): Promise<void>;
  /** An answer started: the chip names who answers until the next preview, and older previews are dropped. */
  forgetRoutePreview(): void;
  /** Back to Auto for a new chat; previews again only if this window previewed before. */
  clearChatPick(): void;
}

/** The conversation so far (answers that failed left out), as the core receives it. */
export function conversationMessages(state: Pick<AppState, 'turns'>): ChatMessage[] {
  return state.turns
    .filter((t) => t.status !== 'error' && t.content !== '')
    .map(({ role, content }) => ({ role, content }));
}

/** Build the chat routing slice. */
export function createChatRouteSlice(deps: StoreDeps): StateCreator<AppState, [], [], ChatRouteSlice> {
  let sequence = 0;
  return (set, get) => ({
    chatOverride: null,
    chatRoute: null,
    chatRouteError: null,
    routePrompt: null,
    async pickChatModel(option) {
      set({ chatOverride: option });
      await get().previewRoute(get().routePrompt ?? '');
    },
    async previewRoute(prompt) {
      const mine = ++sequence;
      set({ routePrompt: prompt });
      // Nothing typed after an answer: the conversation so far decides (an empty question would read as a "short" one).
      const history = conversationMessages(get());
      const messages: ChatMessage[] =
        prompt.trim() === '' && history.length > 0 ? history : [...history, { role: 'user', content: prompt }];
      const model = get().chatOverride?.modelKey;
      const r = await deps.api.call('chat.route', model ? { messages, model } : { messages });
      if (mine !== sequence) return;
      if (r.ok) set({ chatRoute: r.result, chatRouteError: null });
      else set({ chatRouteError: r.error.message });
    },
    async refreshRoute() {
      const prompt = get().routePrompt;
      if (prompt !== null) await get().previewRoute(prompt);
    },
    forgetRoutePreview() {
      sequence++;
      set({ chatRoute: null, routePrompt: '' });
    },
    clearChatPick() {
      set({ chatOverride: null });
      void get().refreshRoute();
    },
  });
}
