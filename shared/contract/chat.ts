/** Contract: the quick chat, streamed. `chat.send` starts an answer; deltas and the end come as events. */
import { z } from 'zod';
import { ApiErrorSchema } from './errors';
import { defineEvent, defineMethod } from './define';

export const ChatMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatSendInputSchema = z.object({
  messages: z.array(ChatMessageSchema).min(1),
  /** A loaded instance id or model key; absent = the router (or the only loaded model) picks. */
  model: z.string().min(1).optional(),
});

export const ChatStartedSchema = z.object({
  /** Ties the chat.delta / chat.done events to this request. */
  requestId: z.string(),
  model: z.string(),
  /** Why this model answers ("picked by you", "the only loaded model"). */
  reason: z.string(),
});
export type ChatStarted = z.infer<typeof ChatStartedSchema>;

export const ChatDeltaSchema = z.object({ requestId: z.string(), text: z.string() });
export type ChatDelta = z.infer<typeof ChatDeltaSchema>;

export const ChatDoneSchema = z.object({
  requestId: z.string(),
  finishReason: z.enum(['stop', 'length', 'cancelled', 'error']),
  error: ApiErrorSchema.nullable(),
  usage: z.object({ promptTokens: z.number().int(), completionTokens: z.number().int() }).nullable(),
});
export type ChatDone = z.infer<typeof ChatDoneSchema>;

export const chatMethods = {
  'chat.send': defineMethod(ChatSendInputSchema, ChatStartedSchema, 'Start a streamed answer; text arrives as chat.delta, the end as chat.done.'),
  'chat.cancel': defineMethod(z.object({ requestId: z.string().min(1) }), z.object({ cancelled: z.boolean() }), 'Stop an answer in progress.'),
} as const;

export const chatEvents = {
  'chat.delta': defineEvent(ChatDeltaSchema, 'More text of an answer.'),
  'chat.done': defineEvent(ChatDoneSchema, 'An answer ended (finished, cut at the length limit, cancelled or failed).'),
} as const;
