/** Handlers for a service this process does not run: each answers a typed `unavailable` error naming it. */
import { unavailableError, type ContractHandlers, type MethodName } from '../../../../shared/contract';

/** Handlers for `names` that reject with `unavailable`, saying which service is missing and what to do. */
export function unavailableHandlers<N extends MethodName>(names: readonly N[], service: string, what: string): Pick<ContractHandlers, N> {
  const handlers = {} as Record<N, () => Promise<never>>;
  for (const name of names) handlers[name] = async () => { throw unavailableError(name, service, what); };
  return handlers as unknown as Pick<ContractHandlers, N>;
}
