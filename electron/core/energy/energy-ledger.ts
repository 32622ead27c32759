/**
 * The energy ledger over loadout.db: per-minute rollups, gaps and per-request records, and the
 * aggregate queries reports are built from. Several processes may share the file (tray app, CLI
 * monitor): writes wait on busy_timeout, and one writer at a time holds a lease so the same GPU
 * minute is never counted twice.
 */
import type { Database } from '../db/load-sqlite';
import type { EnergyGap, EnergyMethod, MinuteRollup } from '../../../shared/energy/types';
import type { LedgerAggregate, ReportGap, RequestAggregate } from '../../../shared/energy/energy-report';
import type { PriceRange } from '../../../shared/energy/tariff';
import { localParts } from '../../../shared/energy/report-period';

/** A request Loadout ran, as stored. */
export interface RequestRecord {
  id: number;
  model: string;
  presetId: string | null;
  tokens: number;
  durationMs: number;
  startedAt: string;
  endedAt: string;
  energyJ: number | null;
  whPer1kTokens: number | null;
  method: EnergyMethod | null;
  coverage: number;
}

type Row = Record<string, unknown>;

/** SQL access to the energy tables. */
export class EnergyLedger {
  private readonly upsertMinute;
  private readonly upsertGap;
  private readonly insertRequest;

  constructor(readonly db: Database) {
    this.upsertMinute = db.prepare(`INSERT INTO energy_minute
      (gpu_key, minute_ms, preset_id, models, local_day, local_minute, local_dow, energy_j, covered_ms,
       idle_empty_s, loaded_idle_s, inferring_s, idle_empty_j, loaded_idle_j, inferring_j, peak_w, method, writer)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (minute_ms, gpu_key, preset_id, models) DO UPDATE SET
        energy_j = excluded.energy_j, covered_ms = excluded.covered_ms,
        idle_empty_s = excluded.idle_empty_s, loaded_idle_s = excluded.loaded_idle_s, inferring_s = excluded.inferring_s,
        idle_empty_j = excluded.idle_empty_j, loaded_idle_j = excluded.loaded_idle_j, inferring_j = excluded.inferring_j,
        peak_w = excluded.peak_w, method = excluded.method, writer = excluded.writer
      WHERE excluded.covered_ms >= energy_minute.covered_ms`);
    this.upsertGap = db.prepare(`INSERT INTO energy_gap (gpu_key, start_ms, end_ms, reason, writer) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (gpu_key, start_ms) DO UPDATE SET end_ms = max(end_ms, excluded.end_ms)`);
    this.insertRequest = db.prepare(`INSERT INTO energy_request
      (started_ms, ended_ms, local_day, model, preset_id, tokens, duration_ms, energy_j, wh_per_1k_tokens, method, coverage)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  }

  /**
   * Take or renew the writer lease: true when `writer` may write rollups now (it held the lease,
   * nobody did, or the holder's heartbeat is older than `ttlMs`, e.g. it was killed).
   */
  acquireLease(writer: string, nowMs: number, ttlMs: number): boolean {
    return this.transaction(() => {
      const row = this.db.prepare('SELECT writer, heartbeat_ms FROM energy_writer WHERE id = 1').get() as { writer: string; heartbeat_ms: number } | undefined;
      if (row && row.writer !== writer && row.heartbeat_ms > nowMs - ttlMs) return false;
      this.db.prepare('INSERT INTO energy_writer (id, writer, heartbeat_ms) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET writer = excluded.writer, heartbeat_ms = excluded.heartbeat_ms').run(writer, nowMs);
      return true;
    });
  }

  /** Give the lease up (clean shutdown) so another process takes over at once. */
  releaseLease(writer: string): void {
    this.db.prepare('DELETE FROM energy_writer WHERE id = 1 AND writer = ?').run(writer);
  }

  /** Write rollups (cumulative for their minute: a later, fuller copy replaces an earlier one) and gaps, in one transaction. */
  write(rollups: readonly MinuteRollup[], gaps: readonly EnergyGap[], writer: string): void {
    this.transaction(() => {
      for (const r of rollups) {
        const local = localParts(r.minuteMs);
        this.upsertMinute.run(r.gpuKey, r.minuteMs, r.presetId ?? '', JSON.stringify(r.modelKeys), local.day, local.minute, local.dow,
          r.energyJ, Math.round(r.coveredMs), r.seconds['idle-empty'], r.seconds['loaded-idle'], r.seconds.inferring,
          r.joulesByState['idle-empty'], r.joulesByState['loaded-idle'], r.joulesByState.inferring, r.peakW, r.method, writer);
      }
      for (const g of gaps) this.upsertGap.run(g.gpuKey, g.startMs, g.endMs, g.reason, writer);
    });
  }

  /** Store one request record; returns it with its id. */
  addRequest(r: Omit<RequestRecord, 'id'>): RequestRecord {
    const started = Date.parse(r.startedAt);
    const info = this.insertRequest.run(started, Date.parse(r.endedAt), localParts(started).day, r.model, r.presetId, Math.round(r.tokens), Math.round(r.durationMs),
      r.energyJ, r.whPer1kTokens, r.method, r.coverage);
    return { ...r, id: Number(info.lastInsertRowid) };
  }

  /** Request records started in [fromMs, toMs), newest first. */
  requests(fromMs: number, toMs: number, limit = 1000): RequestRecord[] {
    const rows = this.db.prepare('SELECT * FROM energy_request WHERE started_ms >= ? AND started_ms < ? ORDER BY started_ms DESC LIMIT ?').all(fromMs, toMs, limit) as Row[];
    return rows.map((row) => ({
      id: Number(row.id), model: String(row.model), presetId: (row.preset_id as string | null) ?? null, tokens: Number(row.tokens), durationMs: Number(row.duration_ms),
      startedAt: new Date(Number(row.started_ms)).toISOString(), endedAt: new Date(Number(row.ended_ms)).toISOString(),
      energyJ: row.energy_j === null ? null : Number(row.energy_j), whPer1kTokens: row.wh_per_1k_tokens === null ? null : Number(row.wh_per_1k_tokens),
      method: (row.method as EnergyMethod | null) ?? null, coverage: Number(row.coverage),
    }));
  }

  /**
   * Rollups of minutes in [fromMs, toMs) summed per local day, GPU, preset and model set, with the
   * cost priced minute by minute from `prices` (time-of-use ranges over local weekday and minute).
   */
  aggregates(fromMs: number, toMs: number, prices: readonly PriceRange[]): LedgerAggregate[] {
    const { sql: priceSql, params } = priceCase(prices);
    const rows = this.db.prepare(`SELECT local_day, gpu_key, preset_id, models,
        sum(energy_j) AS energy_j, sum(CASE WHEN price IS NULL THEN 0 ELSE energy_j * price END) / 3600000.0 AS cost,
        sum(CASE WHEN price IS NULL THEN energy_j ELSE 0 END) AS unpriced_j,
        sum(idle_empty_s) AS ie_s, sum(loaded_idle_s) AS li_s, sum(inferring_s) AS inf_s,
        sum(idle_empty_j) AS ie_j, sum(loaded_idle_j) AS li_j, sum(inferring_j) AS inf_j,
        max(peak_w) AS peak_w, sum(covered_ms) AS covered_ms,
        sum(CASE WHEN method = 'power-integration' THEN energy_j ELSE 0 END) AS pi_j
      FROM (SELECT *, ${priceSql} AS price FROM energy_minute WHERE minute_ms >= ? AND minute_ms < ?)
      GROUP BY local_day, gpu_key, preset_id, models`).all(...params, fromMs, toMs) as Row[];
    return rows.map((r) => ({
      day: String(r.local_day), gpuKey: String(r.gpu_key), presetId: r.preset_id ? String(r.preset_id) : null, modelKeys: parseModels(r.models),
      energyJ: Number(r.energy_j), cost: Number(r.cost), unpricedJ: Number(r.unpriced_j),
      seconds: { idleEmpty: Number(r.ie_s), loadedIdle: Number(r.li_s), inferring: Number(r.inf_s) },
      joules: { idleEmpty: Number(r.ie_j), loadedIdle: Number(r.li_j), inferring: Number(r.inf_j) },
      peakW: Number(r.peak_w), coveredMs: Number(r.covered_ms), powerIntegratedJ: Number(r.pi_j),
    }));
  }

  /** Request totals per model, local day and preset in [fromMs, toMs) (only requests with measured energy count toward energy). */
  requestAggregates(fromMs: number, toMs: number): RequestAggregate[] {
    const rows = this.db.prepare(`SELECT model, local_day, preset_id, count(*) AS n, sum(CASE WHEN energy_j IS NULL THEN 0 ELSE tokens END) AS tokens, sum(coalesce(energy_j, 0)) AS energy_j
      FROM energy_request WHERE started_ms >= ? AND started_ms < ? GROUP BY model, local_day, preset_id`).all(fromMs, toMs) as Row[];
    return rows.map((r) => ({ model: String(r.model), day: String(r.local_day), presetId: (r.preset_id as string | null) ?? null, count: Number(r.n), tokens: Number(r.tokens), energyJ: Number(r.energy_j) }));
  }

  /** Gaps overlapping [fromMs, toMs), oldest first. */
  gaps(fromMs: number, toMs: number): ReportGap[] {
    const rows = this.db.prepare('SELECT gpu_key, start_ms, end_ms, reason FROM energy_gap WHERE end_ms > ? AND start_ms < ? ORDER BY start_ms LIMIT 500').all(fromMs, toMs) as Row[];
    return rows.map((r) => ({ gpu: String(r.gpu_key), from: new Date(Number(r.start_ms)).toISOString(), to: new Date(Number(r.end_ms)).toISOString(), seconds: (Number(r.end_ms) - Number(r.start_ms)) / 1000, reason: String(r.reason) }));
  }

  /** Average power (W) of each fully idle-empty minute of a GPU since `sinceMs`: the samples its idle baseline is learned from. */
  idleEmptyMinuteWatts(gpuKey: string, sinceMs: number): number[] {
    const rows = this.db.prepare(`SELECT energy_j * 1000.0 / covered_ms AS w FROM energy_minute
      WHERE gpu_key = ? AND minute_ms >= ? AND covered_ms >= 50000 AND idle_empty_s * 1000 >= covered_ms - 1 ORDER BY minute_ms DESC LIMIT 10000`).all(gpuKey, sinceMs) as Row[];
    return rows.map((r) => Number(r.w));
  }

  /** The GPU keys that have rollups since `sinceMs`. */
  gpuKeys(sinceMs: number): string[] {
    return (this.db.prepare('SELECT DISTINCT gpu_key FROM energy_minute WHERE minute_ms >= ?').all(sinceMs) as Row[]).map((r) => String(r.gpu_key));
  }

  private transaction<T>(body: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = body();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

function parseModels(text: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(text));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** A SQL CASE over (local_dow, local_minute) giving each minute's price, with its parameters. */
function priceCase(prices: readonly PriceRange[]): { sql: string; params: Array<number | null> } {
  const distinct = new Set(prices.map((p) => p.price));
  if (distinct.size <= 1) return { sql: '?', params: [prices[0]?.price ?? null] };
  const params: Array<number | null> = [];
  const whens = prices.map((p) => {
    params.push(p.dow, p.fromMinute, p.toMinute, p.price);
    return 'WHEN local_dow = ? AND local_minute >= ? AND local_minute < ? THEN ?';
  });
  return { sql: `(CASE ${whens.join(' ')} END)`, params };
}
