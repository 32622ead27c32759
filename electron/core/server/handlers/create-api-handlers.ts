/**
 * Every app API handler over the core's services, and the wiring of core events onto the contract's
 * events. Both the tray app (IPC) and `loadout serve` (WebSocket) serve what this builds.
 */
import type { ContractEventSink, ContractHandlers, ServiceName } from '../../../../shared/contract';
import { QuickChat, type CreateChatStream } from '../quick-chat';
import { createBenchHandlers } from '../../bench/bench-api-handlers';
import type { ApiServices } from './api-services';
import { createAppHandlers } from './app-handlers';
import { createChatHandlers } from './chat-handlers';
import { createHardwareHandlers } from './hardware-handlers';
import { createModelsHandlers } from './models-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { unavailableHandlers } from './unavailable-handlers';

export interface AppApi {
  handlers: ContractHandlers;
  /** Stop forwarding core events and cancel running chats. */
  dispose(): void;
}

/** Build the handlers and start forwarding core events (hardware samples, …) to `events`. */
export function createAppApi(services: ApiServices, events: ContractEventSink, options: { createChatStream?: CreateChatStream } = {}): AppApi {
  const chat = services.lmstudio ? new QuickChat({ lmstudio: services.lmstudio, events, createStream: options.createChatStream }) : undefined;
  const available = (): Record<ServiceName, boolean> => ({
    hardware: Boolean(services.hardware),
    lmstudio: Boolean(services.lmstudio),
    presets: false,
    energy: false,
    chat: Boolean(chat),
    secrets: Boolean(services.secrets?.isAvailable()),
  });
  const bench = createBenchHandlers(services.bench, events);
  const handlers: ContractHandlers = {
    ...createAppHandlers(services, available),
    ...createHardwareHandlers(services),
    ...createModelsHandlers(services, events),
    ...createSettingsHandlers(services, events),
    ...createChatHandlers(chat),
    ...bench.handlers,
    ...unavailableHandlers(
      ['presets.list', 'presets.get', 'presets.save', 'presets.delete', 'presets.reorder', 'presets.duplicate', 'presets.import', 'presets.export', 'presets.setPinned', 'presets.plan', 'presets.apply', 'presets.cancel'],
      'presets service',
      'Use `loadout presets` and `loadout apply ID` from a terminal meanwhile.',
    ),
    ...unavailableHandlers(['energy.summary', 'energy.report', 'energy.rollups'], 'energy ledger', 'Use `loadout energy` from a terminal meanwhile.'),
  };
  const unsubscribers: Array<() => void> = [];
  if (services.hardware) unsubscribers.push(services.hardware.subscribe((sample) => events.emit('hardware.sample', sample)));
  return {
    handlers,
    dispose() {
      for (const off of unsubscribers.splice(0)) off();
      bench.dispose();
      chat?.cancelAll();
    },
  };
}
