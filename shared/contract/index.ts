/**
 * The app API contract: every method (request → response) and event (core → UI) with its zod
 * schemas and `domain.action` name. Electron IPC and the WebSocket of `loadout serve` both serve
 * exactly this; the renderer's API client calls exactly this.
 */
import type { z } from 'zod';
import { appMethods } from './app';
import { benchEvents, benchMethods } from './bench';
import { chatEvents, chatMethods } from './chat';
import { databaseEvents, databaseMethods } from './database';
import { delegationEvents, delegationMethods } from './delegation';
import { energyEvents, energyMethods } from './energy';
import { energyDelegationMethods } from './energy-delegations';
import { fleetEvents, fleetMethods } from './fleet';
import { gamingEvents, gamingMethods } from './gaming';
import { hardwareEvents, hardwareMethods } from './hardware';
import { modelsEvents, modelsMethods } from './models';
import { presetsEvents, presetsMethods } from './presets';
import { remoteAccessEvents, remoteAccessMethods } from './remote-access';
import { settingsEvents, settingsMethods } from './settings';

export const contractMethods = {
  ...appMethods,
  ...hardwareMethods,
  ...modelsMethods,
  ...presetsMethods,
  ...energyMethods,
  ...energyDelegationMethods,
  ...delegationMethods,
  ...settingsMethods,
  ...chatMethods,
  ...benchMethods,
  ...databaseMethods,
  ...fleetMethods,
  ...gamingMethods,
  ...remoteAccessMethods,
} as const;

export const contractEvents = {
  ...hardwareEvents,
  ...modelsEvents,
  ...presetsEvents,
  ...energyEvents,
  ...settingsEvents,
  ...chatEvents,
  ...benchEvents,
  ...databaseEvents,
  ...delegationEvents,
  ...fleetEvents,
  ...gamingEvents,
  ...remoteAccessEvents,
} as const;

export type ContractMethods = typeof contractMethods;
export type ContractEvents = typeof contractEvents;
export type MethodName = keyof ContractMethods;
export type EventName = keyof ContractEvents;

/** What a caller passes (before defaults are filled in). */
export type MethodInput<N extends MethodName> = z.input<ContractMethods[N]['input']>;
/** What the handler receives (parsed, defaults filled in). */
export type MethodParams<N extends MethodName> = z.output<ContractMethods[N]['input']>;
export type MethodResult<N extends MethodName> = z.output<ContractMethods[N]['output']>;
export type EventPayload<N extends EventName> = z.output<ContractEvents[N]['payload']>;

/** Who is calling: handlers may use it to address events (e.g. chat deltas) or log. */
export interface CallContext {
  transport: 'ipc' | 'ws';
  /** A stable id of the caller (webContents id, WebSocket connection id). */
  callerId: string;
}

/** The core's side: one async function per method. */
export type ContractHandlers = {
  [N in MethodName]: (params: MethodParams<N>, context: CallContext) => Promise<MethodResult<N>>;
};

/** Publishes contract events to every connected UI, or with `to` (a CallContext.callerId) to that caller only. */
export interface ContractEventSink {
  emit<N extends EventName>(event: N, payload: EventPayload<N>, to?: string): void;
}

/** Every method name, in contract order. */
export const methodNames = Object.keys(contractMethods) as MethodName[];
/** Every event name, in contract order. */
export const eventNames = Object.keys(contractEvents) as EventName[];

/** True when `name` is a method of the contract (for untrusted input). */
export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contractMethods, name);
}

/** True when `name` is an event of the contract (for untrusted input). */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(contractEvents, name);
}

export * from './errors';
export * from './common';
export * from './hardware';
export * from './models';
export * from './presets';
export * from './energy';
export * from './energy-delegations';
export * from './settings';
export * from './chat';
export * from './bench';
export * from './database';
export * from './delegation';
export * from './gaming';
export * from './remote-access';
export * from './fleet';
export * from './app';
export * from './client';
export * from './wire';
export * from './dispatch';
export * from './event-hub';
