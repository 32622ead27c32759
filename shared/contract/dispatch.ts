/**
 * The serving side of the contract, shared by every transport: take an untrusted method name and
 * params, parse them with the method's schema, run the handler, and answer an envelope. Nothing a
 * caller sends can make it throw.
 */
import type { ApiResponse } from './errors';
import { AppApiError, invalidInputError, toApiError } from './errors';
import { contractMethods, isMethodName, type CallContext, type ContractHandlers, type MethodName } from './index';

/** Calls one method by name; resolves to an envelope, never rejects. */
export type ContractDispatch = (
  method: unknown,
  params: unknown,
  context: CallContext,
) => Promise<ApiResponse<unknown>>;

export interface DispatcherOptions {
  /** Check each result against the output schema (catches a core that drifted from the contract). Default true. */
  checkOutput?: boolean;
  /** Told about every `internal` error (a bug), for logging. */
  onInternalError?: (method: string, error: unknown) => void;
}

/** Build the dispatcher over a set of handlers. */
export function createContractDispatch(handlers: ContractHandlers, options: DispatcherOptions = {}): ContractDispatch {
  const checkOutput = options.checkOutput ?? true;
  return async (method, params, context) => {
    if (!isMethodName(method)) {
      const shown = typeof method === 'string' ? `"${method.slice(0, 80)}"` : 'a non-string method name';
      return {
        ok: false,
        error: {
          code: 'unknown-method',
          message: `Loadout has no method ${shown}. Check the spelling against shared/contract.`,
        },
      };
    }
    const def = contractMethods[method];
    const parsed = def.input.safeParse(params === null ? undefined : params);
    if (!parsed.success) return { ok: false, error: invalidInputError(method, parsed.error).toJSON() };
    try {
      const handler = handlers[method] as (p: unknown, c: CallContext) => Promise<unknown>;
      const result = await handler(parsed.data, context);
      if (checkOutput) {
        const out = def.output.safeParse(result);
        if (!out.success) {
          options.onInternalError?.(method, out.error);
          return { ok: false, error: outputMismatch(method, out.error.issues[0]) };
        }
        return { ok: true, result: out.data };
      }
      return { ok: true, result };
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'internal') options.onInternalError?.(method, error);
      return { ok: false, error: apiError };
    }
  };
}

function outputMismatch(method: MethodName, issue: { path: PropertyKey[]; message: string } | undefined) {
  const where = issue ? ` (${issue.path.map(String).join('.') || 'result'}: ${issue.message})` : '';
  return new AppApiError(
    'internal',
    `Loadout's core answered ${method} with data the app does not understand${where}. Please report this.`,
  ).toJSON();
}
