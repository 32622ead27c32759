/** Small schemas several contract domains share. */
import { z } from 'zod';

/** Methods that take no input: callers pass nothing (IPC) or omit `params` (WebSocket). */
export const NoInput = z.undefined();

/** An amount of money in an ISO 4217 currency. */
export const MoneySchema = z.object({ amount: z.number(), currency: z.string() });
export type Money = z.infer<typeof MoneySchema>;

export const nullableNumber = z.number().finite().nullable();
