/**
 * App API handlers for `remoteAccess.*` over the tray app's remote access agent. The token goes only to
 * the app's own windows (IPC): a WebSocket caller is refused, since the token is what lets a machine in.
 */
import os from 'node:os';
import {
  AppApiError,
  type CallContext,
  type ContractHandlers,
  type RemoteAccessStatusInfo,
} from '../../../../shared/contract';
import { wordRemoteAccessProblem, type RemoteAccessProblem } from '../../../../shared/fleet/remote-access-problem';
import { translator } from '../../../../shared/i18n/translate';
import { RemoteAccessRefusal, type RemoteAccess, type RemoteAccessStatus } from '../../fleet/remote-access';
import type { ApiServices } from './api-services';

type RemoteAccessHandlers = Pick<
  ContractHandlers,
  'remoteAccess.status' | 'remoteAccess.token' | 'remoteAccess.newToken'
>;

/** What the handlers use of the agent (the shell's RemoteAccess). */
export type RemoteAccessPort = Pick<RemoteAccess, 'status' | 'token' | 'newToken' | 'onStatus'>;

const SERVE_PROCESS: RemoteAccessProblem = { kind: 'serve-process' };
const UNAVAILABLE_MESSAGE = wordRemoteAccessProblem(SERVE_PROCESS, translator('en'));

/** The contract's view of the agent's status, with whether a token is stored. */
export function remoteAccessInfo(services: ApiServices, status?: RemoteAccessStatus): RemoteAccessStatusInfo {
  const hasToken = services.settings.get().remoteAccess.tokenEncrypted !== null;
  const machineName = os.hostname();
  if (!status) {
    const message = UNAVAILABLE_MESSAGE;
    const problem = SERVE_PROCESS;
    return { state: 'unavailable', addresses: [], fingerprint: null, message, problem, machineName, hasToken };
  }
  return {
    state: status.state,
    addresses: status.urls,
    fingerprint: status.fingerprint256,
    message: status.message,
    problem: status.problem,
    machineName,
    hasToken,
  };
}

/**
 * Build the handlers. A new token reaches the windows as one `remoteAccess.changed`: the agent announces
 * its status through onStatus (forwarded by create-api-handlers), so the handler does not announce it again.
 */
export function createRemoteAccessHandlers(services: ApiServices): RemoteAccessHandlers {
  const agent = (method: string): RemoteAccessPort => {
    if (!services.remoteAccess)
      throw new AppApiError(
        'unavailable',
        `${method} is not available: ${UNAVAILABLE_MESSAGE}`,
        undefined,
        SERVE_PROCESS,
      );
    return services.remoteAccess;
  };
  // No keychain: the agent's problem says why and what to do, worded by each window in its language.
  const refused = (error: unknown): never => {
    if (error instanceof RemoteAccessRefusal) throw new AppApiError('refused', error.message, undefined, error.problem);
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
      return remoteAccessInfo(services, port.status());
    },
  };
}
