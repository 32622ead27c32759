/**
 * Chat history and the routing log over loadout.db (tables in chat-schema.ts): conversations, messages
 * with each answer's measurements, 👍/👎 ratings, and the samples the router's evidence is built from.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/load-sqlite';
import { isLocked } from '../db/database-errors';
import type { WriterLockReport } from '../db/db-lock-status';
import { PendingWrites } from '../db/pending-writes';
import type { AnswerSample } from '../../../shared/routing/build-evidence';
import { TASK_KINDS, type RouteDecision, type TaskKind } from '../../../shared/routing/types';

export interface StoredMessage {
  id: number;
  conversationId: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  createdMs: number;
  model: string | null;
  endpointId: string | null;
  task: TaskKind | null;
  reason: string | null;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  completionTokens: number | null;
  energyWh: number | null;
  finish: string | null;
  rating: 1 | -1 | null;
}

export type NewMessage = Pick<StoredMessage, 'role' | 'content'> &
  Partial<Omit<StoredMessage, 'id' | 'conversationId' | 'role' | 'content' | 'createdMs' | 'rating'>>;

export interface Conversation {
  id: string;
  title: string;
  createdMs: number;
  updatedMs: number;
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const task = (v: unknown): TaskKind | null => ((TASK_KINDS as readonly unknown[]).includes(v) ? (v as TaskKind) : null);

function toMessage(r: Row): StoredMessage {
  const rating = num(r.rating);
  return {
    id: num(r.id)!,
    conversationId: String(r.conversation_id),
    role: String(r.role) as StoredMessage['role'],
    content: String(r.content),
    createdMs: num(r.created_ms) ?? 0,
    model: str(r.model),
    endpointId: str(r.endpoint_id),
    task: task(r.task),
    reason: str(r.reason),
    ttftMs: num(r.ttft_ms),
    tokensPerSecond: num(r.tokens_per_second),
    completionTokens: num(r.completion_tokens),
    energyWh: num(r.energy_wh),
    finish: str(r.finish),
    rating: rating === 1 ? 1 : rating === -1 ? -1 : null,
  };
}

/** SQL access to the chat tables of an open, migrated database. */
export class ChatStore {
  private readonly queue: Array<(store: ChatStore) => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Statements run for every endpoint request, compiled once. */
  private readonly statements = new Map<string, ReturnType<Database['prepare']>>();
  /** Queued writes another process's lock kept out: retried until it lets go (bounded). */
  private readonly pending: PendingWrites<(store: ChatStore) => void>;

  constructor(
    readonly db: Database,
    private readonly now: () => number = Date.now,
    options: { onMessage?: (message: string) => void; maxPendingWrites?: number; onLockState?: WriterLockReport } = {},
  ) {
    this.pending = new PendingWrites({
      write: (writes) => this.writeBatch(writes),
      capacity: options.maxPendingWrites ?? 5000,
      what: 'routing-log entries, answer samples and chat messages',
      file: 'loadout.db',
      onMessage: options.onMessage,
      onState: options.onLockState,
    });
  }

  /**
   * Run a write soon, batched with others in one transaction: the routing log and the endpoint's
   * samples are written off the request path, so a question never waits for the disk.
   */
  later(write: (store: ChatStore) => void, delayMs = 250): void {
    this.queue.push(write);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), delayMs);
    this.timer.unref?.();
  }

  /** Write whatever `later` queued, now (call before closing); a locked database keeps them for a retry. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const writes = this.queue.splice(0);
    if (!this.db.isOpen) return;
    if (writes.length > 0) this.pending.push(...writes);
    else this.pending.flush();
  }

  /** How many queued writes wait for another process's lock to go away. */
  pendingCount(): number {
    return this.pending.size;
  }

  /** One transaction for the batch; throws (writing nothing) when another process holds the lock. */
  private writeBatch(writes: ReadonlyArray<(store: ChatStore) => void>): number {
    this.transaction(() => {
      for (const w of writes) {
        try {
          w(this);
        } catch {
          // One bad record does not cost the others.
        }
      }
    });
    return writes.length;
  }

  /** Run `write` in one immediate transaction; throws (writing nothing) when it fails or another process holds the lock. */
  private transaction<R>(write: () => R): R {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = write();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Start a conversation titled after its first question. */
  startConversation(title: string, id: string = randomUUID()): Conversation {
    const t = this.now();
    const c = { id, title: title.replace(/\s+/g, ' ').trim().slice(0, 80) || 'Chat', createdMs: t, updatedMs: t };
    this.db
      .prepare('INSERT INTO chat_conversation (id, title, created_ms, updated_ms) VALUES (?, ?, ?, ?)')
      .run(c.id, c.title, c.createdMs, c.updatedMs);
    return c;
  }

  /**
   * Keep a question and its answer in one transaction (`'new'` starts a conversation): at once when the
   * database lets us, with the answer's id; while another program holds loadout.db, queued behind the other
   * waiting writes and written when it lets go (the id is then null). Never lost silently: the queue says so.
   */
  keepExchange(
    conversationId: string,
    question: string,
    answer: NewMessage,
  ): { conversationId: string; messageId: number | null } {
    const id = conversationId === 'new' ? randomUUID() : conversationId;
    const write = (store: ChatStore) => {
      if (conversationId === 'new') store.startConversation(question, id);
      store.addMessage(id, { role: 'user', content: question });
      return store.addMessage(id, answer);
    };
    // Behind writes that already wait, so a conversation is never written out of order.
    if (this.pending.size === 0) {
      try {
        return { conversationId: id, messageId: this.transaction(() => write(this)) };
      } catch (error) {
        if (!isLocked(error)) throw error;
      }
    }
    this.pending.push(write);
    return { conversationId: id, messageId: null };
  }

  /** Append a message (a question, or an answer with its measurements); returns its id. */
  addMessage(conversationId: string, m: NewMessage): number {
    const t = this.now();
    const r = this.db
      .prepare(
        `INSERT INTO chat_message (conversation_id, role, content, created_ms, model, endpoint_id, task, reason, ttft_ms,
      tokens_per_second, completion_tokens, energy_wh, finish) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        conversationId,
        m.role,
        m.content,
        t,
        m.model ?? null,
        m.endpointId ?? null,
        m.task ?? null,
        m.reason ?? null,
        m.ttftMs ?? null,
        m.tokensPerSecond ?? null,
        m.completionTokens ?? null,
        m.energyWh ?? null,
        m.finish ?? null,
      );
    this.db.prepare('UPDATE chat_conversation SET updated_ms = ? WHERE id = ?').run(t, conversationId);
    return Number(r.lastInsertRowid);
  }

  /** Newest conversations first. */
  listConversations(limit = 50): Conversation[] {
    return (
      this.db
        .prepare('SELECT * FROM chat_conversation ORDER BY updated_ms DESC, rowid DESC LIMIT ?')
        .all(limit) as Row[]
    ).map((r) => ({
      id: String(r.id),
      title: String(r.title),
      createdMs: num(r.created_ms) ?? 0,
      updatedMs: num(r.updated_ms) ?? 0,
    }));
  }

  /** A conversation's messages, oldest first. */
  messages(conversationId: string): StoredMessage[] {
    return (
      this.db.prepare('SELECT * FROM chat_message WHERE conversation_id = ? ORDER BY id').all(conversationId) as Row[]
    ).map(toMessage);
  }

  /** Rate an answer 👍 (1), 👎 (-1) or clear it (null); false when there is no such answer. */
  rate(messageId: number, rating: 1 | -1 | null): boolean {
    const r = this.db
      .prepare("UPDATE chat_message SET rating = ? WHERE id = ? AND role = 'assistant'")
      .run(rating, messageId);
    return Number(r.changes) > 0;
  }

  /** Forget a conversation and its messages. */
  deleteConversation(id: string): void {
    this.db.prepare('DELETE FROM chat_message WHERE conversation_id = ?').run(id);
    this.db.prepare('DELETE FROM chat_conversation WHERE id = ?').run(id);
  }

  private statement(sql: string): ReturnType<Database['prepare']> {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Record a routing decision (from the quick chat, the CLI or the endpoint). */
  logRoute(
    origin: 'quick-chat' | 'cli' | 'endpoint' | 'mcp',
    d: Pick<RouteDecision, 'task' | 'confidence' | 'choice' | 'reason'>,
    decisionUs: number | null = null,
  ): void {
    this.statement(
      `INSERT INTO routing_log (created_ms, origin, task, language, prompt_tokens, confidence, model, endpoint_id, choice_source, reason, decision_us)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      this.now(),
      origin,
      d.task.kind,
      d.task.language,
      d.task.promptTokens,
      d.confidence,
      d.choice?.modelKey ?? null,
      d.choice?.endpointId ?? null,
      d.choice?.source ?? null,
      d.reason,
      decisionUs === null ? null : Math.round(decisionUs),
    );
  }

  /** The newest routing decisions. */
  routingLog(limit = 100): Array<{
    createdMs: number;
    origin: string;
    task: string;
    model: string | null;
    reason: string;
    confidence: number;
  }> {
    return (this.db.prepare('SELECT * FROM routing_log ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      createdMs: num(r.created_ms) ?? 0,
      origin: String(r.origin),
      task: String(r.task),
      model: str(r.model),
      reason: String(r.reason),
      confidence: num(r.confidence) ?? 0,
    }));
  }

  /** How many questions were routed, by origin (quick chat, CLI, endpoint, MCP), ever: `/metrics`' request counter. */
  routedRequestCounts(): Array<{ origin: string; count: number }> {
    return (
      this.statement('SELECT origin, COUNT(*) AS n FROM routing_log GROUP BY origin ORDER BY origin').all() as Row[]
    ).map((r) => ({ origin: String(r.origin), count: num(r.n) ?? 0 }));
  }

  /** Keep the measurements of an answer that has no place in the history (an OpenAI-endpoint request). */
  addSample(
    origin: 'endpoint' | 'cli' | 'quick-chat',
    s: {
      model: string;
      task: TaskKind | null;
      ttftMs: number | null;
      tokensPerSecond: number | null;
      completionTokens: number | null;
    },
  ): void {
    this.statement(
      `INSERT INTO answer_sample (created_ms, origin, model, task, ttft_ms, tokens_per_second, completion_tokens)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(this.now(), origin, s.model, s.task, s.ttftMs, s.tokensPerSecond, s.completionTokens);
  }

  /** Past answers (history and endpoint samples), newest first, as the router's evidence samples. */
  answerSamples(limit = 5000): AnswerSample[] {
    return (
      this.db
        .prepare(
          `SELECT model, task, tokens_per_second, ttft_ms, rating, created_ms FROM chat_message
      WHERE role = 'assistant' AND model IS NOT NULL
      UNION ALL SELECT model, task, tokens_per_second, ttft_ms, NULL, created_ms FROM answer_sample
      ORDER BY created_ms DESC LIMIT ?`,
        )
        .all(limit) as Row[]
    ).map((r) => {
      const rating = num(r.rating);
      return {
        modelKey: String(r.model),
        task: task(r.task),
        tokensPerSecond: num(r.tokens_per_second),
        ttftMs: num(r.ttft_ms),
        rating: rating === 1 ? 1 : rating === -1 ? -1 : null,
      };
    });
  }
}
