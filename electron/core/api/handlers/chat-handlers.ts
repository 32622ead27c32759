/** App API handlers for `chat.*`: the quick chat runner, dry routing, ratings and the kept history. */
import {
  AppApiError,
  unavailableError,
  type ChatStoredMessage,
  type ContractHandlers,
} from '../../../../shared/contract';
import type { StoredMessage } from '../../chat/chat-store';
import type { QuickChat, QuickChatBackend } from '../quick-chat';

type ChatHandlers = Pick<
  ContractHandlers,
  'chat.route' | 'chat.send' | 'chat.cancel' | 'chat.rate' | 'chat.history' | 'chat.conversation'
>;

const HISTORY_OFF =
  'Chat history is off: loadout.db could not be opened, so answers are not kept or rated. Restart Loadout; if it persists, check that the data folder is writable.';

/** Build the chat handlers; without routing (no LM Studio client) they answer `unavailable`. */
export function createChatHandlers(chat: QuickChat | undefined, backend: QuickChatBackend | undefined): ChatHandlers {
  const store = () => {
    if (!backend?.store) throw new AppApiError('unavailable', HISTORY_OFF);
    return backend.store;
  };
  return {
    async 'chat.route'(input) {
      if (!backend) throw unavailableError('chat.route', 'chat router', 'Restart Loadout.');
      return backend.route(input);
    },
    async 'chat.send'(input, context) {
      if (!chat) throw unavailableError('chat.send', 'chat router', 'Restart Loadout.');
      return chat.send(input, context.callerId);
    },
    async 'chat.cancel'({ requestId }) {
      return { cancelled: chat?.cancel(requestId) ?? false };
    },
    async 'chat.rate'({ messageId, rating }) {
      const rated = store().rate(messageId, rating === 0 ? null : rating);
      if (!rated)
        throw new AppApiError(
          'not-found',
          `There is no kept answer #${messageId} to rate: it may have been deleted with its conversation.`,
        );
      backend?.onRated();
      return { rated };
    },
    async 'chat.history'({ limit }) {
      return { conversations: store().listConversations(limit) };
    },
    async 'chat.conversation'({ id }) {
      const messages = store().messages(id);
      if (messages.length === 0) throw new AppApiError('not-found', `There is no kept conversation "${id}".`);
      return { messages: messages.map(toContractMessage) };
    },
  };
}

function toContractMessage(m: StoredMessage): ChatStoredMessage {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    createdMs: m.createdMs,
    model: m.model,
    reason: m.reason,
    ttftMs: m.ttftMs,
    tokensPerSecond: m.tokensPerSecond,
    energyWh: m.energyWh,
    rating: m.rating,
  };
}
