/**
 * App API handlers for `delegation.*`: each ask runs on the core's one delegation service with an abort
 * controller kept under its caller and request id (so `delegation.cancel` reaches it and no other caller's),
 * its progress sent to that caller only. Faults become API errors with the core's sentence kept.
 */
import { randomUUID } from 'node:crypto';
import {
  AppApiError,
  unavailableError,
  type ApiErrorCode,
  type ContractEventSink,
  type ContractHandlers,
} from '../../../../shared/contract';
import { DelegationError, type DelegationErrorCode } from '../../delegation/delegation-errors';
import type { DelegationService } from '../../delegation/delegation-types';

type DelegationHandlers = Pick<ContractHandlers, 'delegation.ask' | 'delegation.cancel'>;

const API_CODE: Record<DelegationErrorCode, ApiErrorCode> = {
  'invalid-input': 'invalid-input',
  refused: 'refused',
  unavailable: 'unavailable',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** A delegation fault as the API's error (an invalid field keeps its path for the caller). */
export function toDelegationApiError(error: unknown): unknown {
  if (!(error instanceof DelegationError)) return error;
  const issues = error.field ? [{ path: error.field, message: error.message }] : undefined;
  return new AppApiError(API_CODE[error.code], error.message, issues);
}

/** Build the handlers; `cancelAll` stops every running ask (the API is disposed). */
export function createDelegationHandlers(
  delegation: Pick<DelegationService, 'ask'> | undefined,
  events: ContractEventSink,
): { handlers: DelegationHandlers; cancelAll(): void } {
  const running = new Map<string, AbortController>();
  const handlers: DelegationHandlers = {
    async 'delegation.ask'(input, context) {
      if (!delegation) throw unavailableError('delegation.ask', 'delegation service', 'Restart Loadout.');
      const { client, requestId = randomUUID(), ...request } = input;
      const key = `${context.callerId}\u0000${requestId}`;
      if (running.has(key))
        throw new AppApiError(
          'invalid-input',
          `requestId "${requestId}" is already running an ask; give each ask its own requestId.`,
          [{ path: 'requestId', message: 'already in use' }],
        );
      const controller = new AbortController();
      running.set(key, controller);
      try {
        return await delegation.ask(request, {
          client: client ?? 'unknown',
          signal: controller.signal,
          onProgress: (progress) => events.emit('delegation.progress', { requestId, ...progress }, context.callerId),
        });
      } catch (error) {
        throw toDelegationApiError(error);
      } finally {
        running.delete(key);
      }
    },
    async 'delegation.cancel'({ requestId }, context) {
      const controller = running.get(`${context.callerId}\u0000${requestId}`);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
  };
  return {
    handlers,
    cancelAll() {
      for (const controller of running.values()) controller.abort();
    },
  };
}
