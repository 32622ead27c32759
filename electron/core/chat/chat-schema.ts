/**
 * The chat feature's tables in loadout.db: quick-chat conversations and messages (with each answer's
 * model, reason, measurements, energy and the user's 👍/👎), and the routing log. Append-only steps.
 */

export const CHAT_COMPONENT = 'chat';

export const CHAT_MIGRATIONS: readonly string[] = [
  `CREATE TABLE chat_conversation (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     updated_ms INTEGER NOT NULL
   );
   CREATE TABLE chat_message (
     id INTEGER PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES chat_conversation(id) ON DELETE CASCADE,
     role TEXT NOT NULL,
     content TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     model TEXT,
     endpoint_id TEXT,
     task TEXT,
     reason TEXT,
     ttft_ms REAL,
     tokens_per_second REAL,
     completion_tokens INTEGER,
     energy_wh REAL,
     finish TEXT,
     rating INTEGER
   );
   CREATE INDEX chat_message_by_conversation ON chat_message(conversation_id, id);
   CREATE INDEX chat_message_by_model ON chat_message(model, id);
   CREATE TABLE routing_log (
     id INTEGER PRIMARY KEY,
     created_ms INTEGER NOT NULL,
     origin TEXT NOT NULL,
     task TEXT NOT NULL,
     language TEXT NOT NULL,
     prompt_tokens INTEGER NOT NULL,
     confidence REAL NOT NULL,
     model TEXT,
     endpoint_id TEXT,
     choice_source TEXT,
     reason TEXT NOT NULL,
     decision_us INTEGER
   );`,
  // Measurements of answers that leave no history (the OpenAI-compatible endpoint): evidence for the router.
  `CREATE TABLE answer_sample (
     id INTEGER PRIMARY KEY,
     created_ms INTEGER NOT NULL,
     origin TEXT NOT NULL,
     model TEXT NOT NULL,
     task TEXT,
     ttft_ms REAL,
     tokens_per_second REAL,
     completion_tokens INTEGER
   );
   CREATE INDEX answer_sample_by_time ON answer_sample(created_ms);`,
];
