/**
 * The building blocks of the app API contract: a method (request → response) and an event
 * (core → UI push), each with zod schemas. Transports (Electron IPC, the WebSocket of `loadout serve`)
 * are generated from these, so a feature is one contract entry, one core method and one UI call.
 */
import type { z } from 'zod';

/** One request → response method. `input` is parsed on the serving side before the handler sees it. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly input: I;
  readonly output: O;
  /** One line saying what the method does, for docs and error messages. */
  readonly summary: string;
}

/** One core → UI event. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
  readonly summary: string;
}

/** Declare a method with its input and output schemas. */
export function defineMethod<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
): MethodDef<I, O> {
  return { kind: 'method', input, output, summary };
}

/** Declare an event with its payload schema. */
export function defineEvent<P extends z.ZodType>(payload: P, summary: string): EventDef<P> {
  return { kind: 'event', payload, summary };
}
