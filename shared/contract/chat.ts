/**
 * Contract: the quick chat, streamed and routed. `chat.route` decides without answering (the model
 * chip), `chat.send` starts an answer (deltas and the end come as events), `chat.rate` keeps a 👍/👎
 * that feeds the router, `chat.history` / `chat.conversation` read the kept conversations.
 */
import { z } from 'zod';
import type { ReasonNote, ReasonParts } from '../routing/reason-text';
import { TASK_KINDS, type TaskKind } from '../routing/types';
import { ApiErrorSchema } from './errors';
import { defineEvent, defineMethod } from './define';
import { nullableNumber } from './common';

export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** The router's reason as data (core → UI only; the UI words it with `formatReason` in its language). */
export const ReasonPartsSchema = z.custom<ReasonParts>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string',
);
/** One fact behind a candidate's score (worded with `formatNote`). */
export const ReasonNoteSchema = z.custom<ReasonNote>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string',
);
export const TaskKindSchema = z.enum(TASK_KINDS as [TaskKind, ...TaskKind[]]);

/** One model the router could send the question to. */
export const RouteOptionSchema = z.object({
  modelKey: z.string(),
  displayName: z.string(),
  /** The router's score (higher fits better; comparable within one decision only). */
  score: z.number(),
  /** Why it scored so, in English (the UI words `notes` in its own language). */
  reason: z.string(),
  notes: z.array(ReasonNoteSchema),
  loaded: z.boolean(),
  endpointKind: z.enum(['local', 'remote', 'cloud']),
  /** Another machine's or the cloud endpoint's label; null on this machine. */
  endpointLabel: z.string().nullable(),
});
export type RouteOption = z.infer<typeof RouteOptionSchema>;

export const ChatRouteInputSchema = z.object({
  /** The conversation so far with the prompt being typed last (it may still be empty). */
  messages: z.array(ChatMessageSchema).min(1).max(500),
  /** "auto" / absent = route; a model key = the user's pick (then the reason says so). */
  model: z.string().min(1).optional(),
});

export const ChatRouteSchema = z.object({
  /** null = no model can take the question (`reason` says what to do). */
  choice: RouteOptionSchema.nullable(),
  runnersUp: z.array(RouteOptionSchema),
  /** The one-line reason in English; the UI words `reasonParts` in its language. */
  reason: z.string(),
  reasonParts: ReasonPartsSchema,
  task: TaskKindSchema,
  /** 0..1: how sure the router is of the choice. */
  confidence: z.number(),
});
export type ChatRoute = z.infer<typeof ChatRouteSchema>;

export const ChatSendInputSchema = z.object({
  messages: z.array(ChatMessageSchema).min(1),
  /** A model key or loaded instance id the user picked; absent or "auto" = the router picks. */
  model: z.string().min(1).optional(),
  /** Keep the exchange in this conversation ("new" starts one); absent = not kept. */
  conversationId: z.string().min(1).max(100).optional(),
  /** Pictures for the last user message, as data URLs (`loadout chat --image`): the router picks a vision model. */
  images: z
    .array(
      z
        .string()
        .regex(
          /^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/,
          'a base64 data URL of a PNG, JPEG, WebP or GIF',
        ),
    )
    .max(16)
    .optional(),
  /** The answer's length limit in tokens (`--max-tokens`). */
  maxTokens: z.number().int().positive().optional(),
  /** The task when the user named it (`--task`): no guessing. */
  taskHint: TaskKindSchema.optional(),
  /** This answer only: the router may pick a model that is not loaded (`--allow-load`); absent = the settings decide. */
  allowLoad: z.boolean().optional(),
  /** This answer only: the smallest loaded model names an unsure task (`--classify`); absent = the settings decide. */
  classify: z.boolean().optional(),
  /** false: keep nothing of this answer, neither the history nor the routing log (`--no-history`). */
  keep: z.boolean().optional(),
  /** Where the question comes from, as the routing log records it; absent = the quick chat. */
  origin: z.enum(['quick-chat', 'cli']).optional(),
  /** Also answer with every candidate's score, as the CLI prints it (`--explain`). */
  explain: z.boolean().optional(),
});

export const ChatStartedSchema = z.object({
  /** Ties the chat.delta / chat.done events to this request. */
  requestId: z.string(),
  model: z.string(),
  /** Why this model answers, in English ("code detected → qwen2.5-coder-14b, loaded"). */
  reason: z.string(),
  /** The reason as data, for the UI's language. */
  reasonParts: ReasonPartsSchema.optional(),
  task: TaskKindSchema.optional(),
  confidence: z.number().optional(),
  /** With `explain`: the decision and every candidate's score, in English lines. */
  explanation: z.string().optional(),
});
export type ChatStarted = z.infer<typeof ChatStartedSchema>;

export const ChatDeltaSchema = z.object({ requestId: z.string(), text: z.string() });
export type ChatDelta = z.infer<typeof ChatDeltaSchema>;

export const ChatDoneSchema = z.object({
  requestId: z.string(),
  finishReason: z.enum(['stop', 'length', 'cancelled', 'error']),
  error: ApiErrorSchema.nullable(),
  usage: z.object({ promptTokens: z.number().int(), completionTokens: z.number().int() }).nullable(),
  /** The model that answered (after a fallback, not the first choice). */
  model: z.string().optional(),
  /** Set when the first choice failed before answering and `model` took over. */
  fallbackFrom: z.string().nullable().optional(),
  /** What the first choice's failure was, when `fallbackFrom` is set. */
  fallbackError: z.string().optional(),
  /** Where the answering model runs. */
  endpoint: z.enum(['local', 'remote', 'cloud']).optional(),
  /**
   * The other machine that answered (its name in `machines`: a Loadout agent or an LM Studio-only
   * machine); null = this machine or the cloud endpoint. The same rule as `route --json`'s `choice.machine`.
   */
  machine: z.string().nullable().optional(),
  /** Tokens in the answer (also when LM Studio did not report usage). */
  completionTokens: z.number().int().optional(),
  /** A failed answer: the chat's own code (`interrupted`, `model-not-loaded`…) and what the server said, for scripts. */
  failure: z.object({ code: z.string(), serverMessage: z.string().nullable() }).optional(),
  /** The kept answer's id, for `chat.rate`; null when history is off or unavailable. */
  messageId: z.number().int().nullable().optional(),
  /** The conversation the exchange was kept in (send it with the next question). */
  conversationId: z.string().nullable().optional(),
  ttftMs: nullableNumber.optional(),
  tokensPerSecond: nullableNumber.optional(),
  /** This answer's GPU energy from the ledger; null when not measured. */
  energyWh: nullableNumber.optional(),
  /** The answer stopped halfway (the connection dropped, or the stream ended unfinished): the text streamed is partial. */
  cut: z.boolean().optional(),
});
export type ChatDone = z.infer<typeof ChatDoneSchema>;

export const ChatRateInputSchema = z.object({
  messageId: z.number().int().positive(),
  /** 👍 = 1, 👎 = -1, 0 = clear. */
  rating: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
});

export const ChatConversationSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdMs: z.number(),
  updatedMs: z.number(),
});
export type ChatConversation = z.infer<typeof ChatConversationSchema>;

export const ChatStoredMessageSchema = z.object({
  id: z.number().int(),
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
  createdMs: z.number(),
  model: z.string().nullable(),
  reason: z.string().nullable(),
  ttftMs: nullableNumber,
  tokensPerSecond: nullableNumber,
  energyWh: nullableNumber,
  rating: z.union([z.literal(1), z.literal(-1)]).nullable(),
});
export type ChatStoredMessage = z.infer<typeof ChatStoredMessageSchema>;

export const chatMethods = {
  'chat.route': defineMethod(
    ChatRouteInputSchema,
    ChatRouteSchema,
    'Decide which model would answer (and the runners-up) without asking it.',
  ),
  'chat.send': defineMethod(
    ChatSendInputSchema,
    ChatStartedSchema,
    'Start a streamed answer; text arrives as chat.delta, the end as chat.done.',
  ),
  'chat.cancel': defineMethod(
    z.object({ requestId: z.string().min(1) }),
    z.object({ cancelled: z.boolean() }),
    'Stop an answer in progress.',
  ),
  'chat.rate': defineMethod(
    ChatRateInputSchema,
    z.object({ rated: z.boolean() }),
    'Rate a kept answer 👍/👎 (or clear it); the router learns from it.',
  ),
  'chat.history': defineMethod(
    z
      .object({ limit: z.number().int().min(1).max(200).default(20) })
      .optional()
      .transform((v) => v ?? { limit: 20 }),
    z.object({ conversations: z.array(ChatConversationSchema) }),
    'The kept quick chat conversations, newest first.',
  ),
  'chat.conversation': defineMethod(
    z.object({ id: z.string().min(1).max(100) }),
    z.object({ messages: z.array(ChatStoredMessageSchema) }),
    'One kept conversation, oldest message first.',
  ),
} as const;

export const chatEvents = {
  'chat.delta': defineEvent(ChatDeltaSchema, 'More text of an answer.'),
  'chat.done': defineEvent(ChatDoneSchema, 'An answer ended (finished, cut at the length limit, cancelled or failed).'),
} as const;
