/**
 * The bodies detection reads (reference §1.2, §7): the greeting, `/lms-status`, and the first level of
 * each REST models list (enough to tell v1 from v0 from a 200-with-error; the entries are read later).
 */
import { z } from 'zod';

/** `GET /lmstudio-greeting`. */
export const GreetingSchema = z.object({ lmstudio: z.literal(true) });

/** `GET /lms-status`. */
export const LmsStatusSchema = z.object({ version: z.string() });

/** `GET /api/v1/models` is there: it has a `models` list. */
export const V1ModelsProbeSchema = z.object({ models: z.array(z.unknown()) });

/** `GET /api/v0/models` is there: it has a `data` list. */
export const V0ModelsProbeSchema = z.object({ data: z.array(z.unknown()) });
