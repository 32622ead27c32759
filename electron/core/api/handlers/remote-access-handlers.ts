/**
 * App API handlers for `remoteAccess.*` over the tray app's remote access agent. The token goes only to
 * the app's own windows (IPC): a WebSocket caller is refused, since the token is what lets a machine in.
 */
import os from 'node:os';
import {
  AppApiError,
  type CallContext,
  type ContractEventSink,
  type ContractHandlers,
  type RemoteAccessStatusInfo,
} from '../../../../shared/contract';
import { RemoteAccessRefusal, type RemoteAccess, type RemoteAccessStatus } from '../../fleet/remote-access';
import type { ApiServices } from './api-services';

type RemoteAccessHandlers = Pick<
  ContractHandlers,
  'remoteAccess.status' | 'remoteAccess.token' | 'remoteAccess.newToken'
>;

/** What the handlers use of the agent (the shell's RemoteAccess). */
export type RemoteAccessPort = Pick<RemoteAccess, 'status' | 'token' | 'newToken' | 'onStatus'>;

const UNAVAILABLE_MESSAGE =
  'Remote access is a setting of the Loadout tray app. This process is `loadout serve`, which is an agent itself: reach it from another machine by starting it with `--host 0.0.0.0`.';

/** The contract's view of the agent's status, with whether a token is stored. */
export function remoteAccessInfo(services: ApiServices, status?: RemoteAccessStatus): RemoteAccessStatusInfo {
  const hasToken = services.settings.get().remoteAccess.tokenEncrypted !== null;
  const machineName = os.hostname();
  if (!status) {
    const message = UNAVAILABLE_MESSAGE;
    return { state: 'unavailable', addresses: [], fingerprint: null, message, machineName, hasToken };
  }
  return {
    state: status.state,
    addresses: status.urls,
    fingerprint: status.fingerprint256,
    message: status.message,
    machineName,
    hasToken,
  };
}

/** Build the handlers; `changed` tells every window after a new token (the agent's own changes come through onStatus). */
export function createRemoteAccessHandlers(services: ApiServices, events: ContractEventSink): RemoteAccessHandlers {
  const agent = (method: string): RemoteAccessPort => {
    if (!services.remoteAccess)
      throw new AppApiError('unavailable', `${method} is not available: ${UNAVAILABLE_MESSAGE}`);
    return services.remoteAccess;
  };
  // No keychain: the agent's own message says why and what to do.
  const refused = (error: unknown): never => {
    if (error instanceof RemoteAccessRefusal) throw new AppApiError('refused', error.message);
    throw error;
  };
  const onlyOverIpc = (context: CallContext) => {
    if (context.transport !== 'ipc')
      throw new AppApiError(
        'forbidden',
        "remoteAccess.token is answered only to the Loadout app's own settings window, never over the network or to an attached command. Open Settings → Remote access on this machine to see or copy it.",
      );
  };
  return {
    async 'remoteAccess.status'() {
      return remoteAccessInfo(services, services.remoteAccess?.status());
    },
    async 'remoteAccess.token'(_params, context) {
      onlyOverIpc(context);
      const port = agent('remoteAccess.token');
      try {
        return { token: port.token() };
      } catch (error) {
        return refused(error);
      }
    },
    async 'remoteAccess.newToken'() {
      const port = agent('remoteAccess.newToken');
      try {
        await port.newToken();
      } catch (error) {
        refused(error);
      }
      const info = remoteAccessInfo(services, port.status());
      events.emit('remoteAccess.changed', info);
      return info;
    },
  };
}
