/** App API handlers for `chat.*`, over the quick chat runner. */
import { unavailableError, type ContractHandlers } from '../../../../shared/contract';
import type { QuickChat } from '../quick-chat';

type ChatHandlers = Pick<ContractHandlers, 'chat.send' | 'chat.cancel'>;

/** Build the chat handlers; without routing (no LM Studio client) they answer `unavailable`. */
export function createChatHandlers(chat: QuickChat | undefined): ChatHandlers {
  return {
    async 'chat.send'(input) {
      if (!chat) throw unavailableError('chat.send', 'chat router', 'Restart Loadout.');
      return chat.send(input);
    },
    async 'chat.cancel'({ requestId }) {
      return { cancelled: chat?.cancel(requestId) ?? false };
    },
  };
}
