/**
 * Every app API handler over the core's services, and the wiring of core events onto the contract's
 * events. Both the tray app (IPC) and `loadout serve` (WebSocket) serve what this builds.
 */
import type { ContractEventSink, ContractHandlers, ServiceName } from '../../../../shared/contract';
import { QuickChat } from '../quick-chat';
import { createBenchHandlers } from './bench-handlers';
import type { ApiServices } from './api-services';
import { createAppHandlers } from './app-handlers';
import { createChatHandlers } from './chat-handlers';
import { createDelegationHandlers } from './delegation-handlers';
import { createEnergyHandlers, toIdleAlert } from './energy-handlers';
import { createEnergyDelegationsHandler } from './energy-delegations-handler';
import { createFleetHandlers, fleetState } from './fleet-handlers';
import { createGamingHandlers } from './gaming-handlers';
import { createHardwareHandlers } from './hardware-handlers';
import { createModelsHandlers } from './models-handlers';
import { createPresetsHandlers } from './presets-handlers';
import { createRemoteAccessHandlers, remoteAccessInfo } from './remote-access-handlers';
import { createSettingsHandlers, settingsProblemInfo } from './settings-handlers';

export interface AppApi {
  handlers: ContractHandlers;
  /** Stop forwarding core events and cancel running chats. */
  dispose(): void;
}

/** Build the handlers and start forwarding core events (samples, switch progress, idle alerts) to `events`. */
export function createApiHandlers(
  services: ApiServices,
  events: ContractEventSink,
  options: { now?: () => number } = {},
): AppApi {
  const chat = services.chat ? new QuickChat({ ask: services.chat.ask, events }) : undefined;
  const available = (): Record<ServiceName, boolean> => ({
    hardware: Boolean(services.hardware),
    lmstudio: Boolean(services.lmstudio),
    presets: Boolean(services.presets),
    energy: Boolean(services.energy),
    chat: Boolean(chat),
    secrets: Boolean(services.secrets?.isAvailable()),
  });
  const bench = createBenchHandlers(services.bench, events);
  const delegation = createDelegationHandlers(services.delegation, events);
  const handlers: ContractHandlers = {
    ...createAppHandlers(services, available),
    ...createHardwareHandlers(services),
    ...createModelsHandlers(services, events),
    ...createPresetsHandlers(services, events),
    ...createEnergyHandlers(services, options.now),
    ...createEnergyDelegationsHandler(services, options.now),
    ...createSettingsHandlers(services, events),
    ...createChatHandlers(chat, services.chat),
    ...bench.handlers,
    ...delegation.handlers,
    ...createFleetHandlers(services, events),
    ...createGamingHandlers(services),
    ...createRemoteAccessHandlers(services),
    async 'database.lock'() {
      return { lock: services.dbLock?.current ?? null };
    },
  };
  const unsubscribers: Array<() => void> = [];
  // A hand edit of config.json: every window shows it (a fake store in tests may not report problems).
  if (typeof services.settings.onProblem === 'function') {
    unsubscribers.push(
      services.settings.onProblem((problem) =>
        events.emit('settings.problem', { problem: settingsProblemInfo(problem) }),
      ),
    );
  }
  // loadout.db locked by another program: the monitor's banner and the tray follow it.
  if (services.dbLock) unsubscribers.push(services.dbLock.onChange((lock) => events.emit('database.lock', { lock })));
  if (services.hardware)
    unsubscribers.push(services.hardware.subscribe((sample) => events.emit('hardware.sample', sample)));
  if (services.presets) {
    unsubscribers.push(services.presets.onProgress((progress) => events.emit('presets.progress', progress)));
    unsubscribers.push(services.presets.onChanged((list) => events.emit('presets.changed', list)));
  }
  const fleet = services.fleet;
  if (fleet) {
    const announce = () =>
      void fleetState(services, fleet).then(
        (state) => events.emit('fleet.changed', state),
        () => undefined,
      );
    unsubscribers.push(fleet.onChange(announce));
    // LM Link's peers or serving device changed: the overview and the add list follow without a poll.
    if (services.onLmLinkChange) unsubscribers.push(services.onLmLinkChange(announce));
    // An agent appeared on or left the LAN: the add list follows.
    if (services.lan) unsubscribers.push(services.lan.onChange(announce));
  }
  // A game took the GPU or gave it back: the tray, its notification and the windows follow.
  if (services.gaming) unsubscribers.push(services.gaming.onChanged((status) => events.emit('gaming.changed', status)));
  // Remote access started, stopped or failed (a port in use): the settings window follows.
  const remote = services.remoteAccess;
  if (remote)
    unsubscribers.push(
      remote.onStatus((status) => events.emit('remoteAccess.changed', remoteAccessInfo(services, status))),
    );
  if (services.energy) {
    const now = options.now ?? Date.now;
    unsubscribers.push(
      services.energy
        .service()
        .watchdog.subscribe((event) => events.emit('energy.idleAlert', toIdleAlert(event, now()))),
    );
  }
  return {
    handlers,
    dispose() {
      for (const off of unsubscribers.splice(0)) off();
      bench.dispose();
      delegation.cancelAll();
      chat?.cancelAll();
      services.chat?.close?.();
    },
  };
}
