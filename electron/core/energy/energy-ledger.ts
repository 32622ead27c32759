/**
 * The energy ledger over loadout.db: per-minute rollups, gaps and per-request records, and the
 * aggregate queries reports are built from. Several processes may share the file (tray app, CLI
 * monitor): a write that finds the file locked fails at once (a short busy_timeout; the callers keep
 * the rows and retry, see db/pending-writes.ts), and one writer at a time holds a lease so the same GPU
 * minute is never counted twice.
 */
import { isLocked } from '../db/database-errors';
import type { Database } from '../db/load-sqlite';
import type { EnergyGap, EnergyMethod, MinuteRollup } from '../../../shared/energy/types';
import type { LedgerAggregate, ReportGap, RequestAggregate } from '../../../shared/energy/energy-report';
import type { PriceSchedule } from '../../../shared/energy/tariff';
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
  private readonly deleteHour;
  private readonly insertHour;

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
    this.upsertGap =
      db.prepare(`INSERT INTO energy_gap (gpu_key, start_ms, end_ms, reason, writer) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (gpu_key, start_ms) DO UPDATE SET end_ms = max(end_ms, excluded.end_ms)`);
    this.insertRequest = db.prepare(`INSERT INTO energy_request
      (started_ms, ended_ms, local_day, model, preset_id, tokens, duration_ms, energy_j, wh_per_1k_tokens, method, coverage)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.deleteHour = db.prepare('DELETE FROM energy_hour WHERE gpu_key = ? AND local_day = ? AND local_hour = ?');
    this.insertHour = db.prepare(`INSERT INTO energy_hour
      SELECT gpu_key, local_day, local_minute / 60, preset_id, models, min(minute_ms), min(local_dow),
        sum(energy_j), sum(covered_ms), sum(idle_empty_s), sum(loaded_idle_s), sum(inferring_s),
        sum(idle_empty_j), sum(loaded_idle_j), sum(inferring_j), max(peak_w),
        sum(CASE WHEN method = 'power-integration' THEN energy_j ELSE 0 END)
      FROM energy_minute WHERE gpu_key = ? AND local_day = ? AND local_minute BETWEEN ? AND ?
      GROUP BY preset_id, models`);
  }

  /**
   * Take or renew the writer lease: true when `writer` may write rollups now (it held the lease,
   * nobody did, or the holder's heartbeat is older than `ttlMs`, e.g. it was killed).
   */
  acquireLease(writer: string, nowMs: number, ttlMs: number): boolean {
    return this.transaction(() => {
      const row = this.db.prepare('SELECT writer, heartbeat_ms FROM energy_writer WHERE id = 1').get() as
        { writer: string; heartbeat_ms: number } | undefined;
      if (row && row.writer !== writer && row.heartbeat_ms > nowMs - ttlMs) return false;
      this.db
        .prepare(
          'INSERT INTO energy_writer (id, writer, heartbeat_ms) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET writer = excluded.writer, heartbeat_ms = excluded.heartbeat_ms',
        )
        .run(writer, nowMs);
      return true;
    });
  }

  /** Give the lease up (clean shutdown) so another process takes over at once. */
  releaseLease(writer: string): void {
    this.db.prepare('DELETE FROM energy_writer WHERE id = 1 AND writer = ?').run(writer);
  }

  /**
   * Write rollups (cumulative for their minute: a later, fuller copy replaces an earlier one) and gaps,
   * and recompute the hourly rollups they touch, in one transaction.
   */
  write(rollups: readonly MinuteRollup[], gaps: readonly EnergyGap[], writer: string): void {
    this.transaction(() => {
      const hours = new Map<string, [string, string, number]>();
      for (const r of rollups) {
        const local = localParts(r.minuteMs);
        this.upsertMinute.run(
          r.gpuKey,
          r.minuteMs,
          r.presetId ?? '',
          JSON.stringify(r.modelKeys),
          local.day,
          local.minute,
          local.dow,
          r.energyJ,
          Math.round(r.coveredMs),
          r.seconds['idle-empty'],
          r.seconds['loaded-idle'],
          r.seconds.inferring,
          r.joulesByState['idle-empty'],
          r.joulesByState['loaded-idle'],
          r.joulesByState.inferring,
          r.peakW,
          r.method,
          writer,
        );
        const hour = Math.floor(local.minute / 60);
        hours.set(`${r.gpuKey}\n${local.day}\n${hour}`, [r.gpuKey, local.day, hour]);
      }
      for (const [gpuKey, day, hour] of hours.values()) {
        this.deleteHour.run(gpuKey, day, hour);
        this.insertHour.run(gpuKey, day, hour * 60, hour * 60 + 59);
      }
      for (const g of gaps) this.upsertGap.run(g.gpuKey, g.startMs, g.endMs, g.reason, writer);
    });
  }

  /** Store one request record; returns it with its id. */
  addRequest(r: Omit<RequestRecord, 'id'>): RequestRecord {
    const started = Date.parse(r.startedAt);
    const info = this.insertRequest.run(
      started,
      Date.parse(r.endedAt),
      localParts(started).day,
      r.model,
      r.presetId,
      Math.round(r.tokens),
      Math.round(r.durationMs),
      r.energyJ,
      r.whPer1kTokens,
      r.method,
      r.coverage,
    );
    return { ...r, id: Number(info.lastInsertRowid) };
  }

  /**
   * Store several requests in one transaction (the endpoint's answers end in bursts): each gets its
   * record with its id, or the error that kept it out; one failing row does not lose the others.
   * Throws, storing nothing, when another process holds the database's lock.
   */
  addRequests(records: ReadonlyArray<Omit<RequestRecord, 'id'>>): Array<RequestRecord | Error> {
    const one = (r: Omit<RequestRecord, 'id'>): RequestRecord | Error => {
      try {
        return this.addRequest(r);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    };
    if (records.length === 1) {
      try {
        return [this.addRequest(records[0]!)];
      } catch (error) {
        if (isLocked(error)) throw error;
        return [error instanceof Error ? error : new Error(String(error))];
      }
    }
    if (records.length === 0) return [];
    try {
      return this.transaction(() => records.map(one));
    } catch (error) {
      // Another process holds the lock: each row alone would find it held too; the caller retries the batch.
      if (isLocked(error)) throw error;
      // BEGIN or COMMIT failed otherwise (disk): nothing of the batch stayed; store them one by one.
      return records.map(one);
    }
  }

  /** Correct a stored request's energy (a request that overlapped it was recorded later and now shares the GPU's energy). */
  updateRequestEnergy(id: number, energyJ: number | null, whPer1kTokens: number | null): void {
    this.db
      .prepare('UPDATE energy_request SET energy_j = ?, wh_per_1k_tokens = ? WHERE id = ?')
      .run(energyJ, whPer1kTokens, id);
  }

  /** Request records started in [fromMs, toMs), newest first. */
  requests(fromMs: number, toMs: number, limit = 1000): RequestRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM energy_request WHERE started_ms >= ? AND started_ms < ? ORDER BY started_ms DESC LIMIT ?')
      .all(fromMs, toMs, limit) as Row[];
    return rows.map((row) => ({
      id: Number(row.id),
      model: String(row.model),
      presetId: (row.preset_id as string | null) ?? null,
      tokens: Number(row.tokens),
      durationMs: Number(row.duration_ms),
      startedAt: new Date(Number(row.started_ms)).toISOString(),
      endedAt: new Date(Number(row.ended_ms)).toISOString(),
      energyJ: row.energy_j === null ? null : Number(row.energy_j),
      whPer1kTokens: row.wh_per_1k_tokens === null ? null : Number(row.wh_per_1k_tokens),
      method: (row.method as EnergyMethod | null) ?? null,
      coverage: Number(row.coverage),
    }));
  }

  /**
   * Rollups of minutes in [fromMs, toMs) summed per local day, GPU, preset and model set, each minute
   * priced by `schedule`. Whole local hours inside the window come from the hourly rollups; the partial
   * hours at the window's edges, and hours a time-of-use slot starts or ends inside, from the minutes.
   */
  aggregates(fromMs: number, toMs: number, schedule: PriceSchedule): LedgerAggregate[] {
    const hStart = nextLocalHour(fromMs);
    const hEnd = Math.max(hStart, localHourFloor(toMs));
    const split = Array.from({ length: 24 }, (_, h) => h).filter((h) => !schedule.uniformHour(h));
    const groups = new Map<string, LedgerAggregate>();
    const hourRows = this.db
      .prepare(
        `SELECT local_day, gpu_key, preset_id, models, local_dow, local_hour * 60 AS local_minute,
        energy_j, covered_ms, idle_empty_s, loaded_idle_s, inferring_s, idle_empty_j, loaded_idle_j, inferring_j, peak_w, power_integrated_j
      FROM energy_hour WHERE start_ms >= ? AND start_ms < ?`,
      )
      .all(hStart, hEnd) as Row[];
    for (const r of hourRows) if (!split.includes(Number(r.local_minute) / 60)) addRow(groups, r, schedule);
    const columns = `local_day, gpu_key, preset_id, models, local_dow, local_minute,
        energy_j, covered_ms, idle_empty_s, loaded_idle_s, inferring_s, idle_empty_j, loaded_idle_j, inferring_j, peak_w,
        CASE WHEN method = 'power-integration' THEN energy_j ELSE 0 END AS power_integrated_j`;
    const byTime = this.db.prepare(`SELECT ${columns} FROM energy_minute WHERE minute_ms >= ? AND minute_ms < ?`);
    // The partial hours at both edges of the window (empty ranges when the window starts or ends on the hour).
    const minuteRows = [...(byTime.all(fromMs, Math.min(hStart, toMs)) as Row[]), ...(byTime.all(hEnd, toMs) as Row[])];
    // Hours a slot boundary falls inside are summed per stretch of one price (split at the boundaries),
    // through the (local_minute, minute_ms) index; min(local_minute) then prices the whole stretch.
    for (const h of split) {
      const bounds = schedule.boundariesInHour(h).map((b) => Math.trunc(b));
      const segment = `CASE ${bounds.map((b, i) => `WHEN local_minute < ${b} THEN ${i}`).join(' ')} ELSE ${bounds.length} END`;
      const rows = this.db
        .prepare(
          `SELECT local_day, gpu_key, preset_id, models, local_dow, min(local_minute) AS local_minute,
          sum(energy_j) AS energy_j, sum(covered_ms) AS covered_ms, sum(idle_empty_s) AS idle_empty_s, sum(loaded_idle_s) AS loaded_idle_s,
          sum(inferring_s) AS inferring_s, sum(idle_empty_j) AS idle_empty_j, sum(loaded_idle_j) AS loaded_idle_j, sum(inferring_j) AS inferring_j,
          max(peak_w) AS peak_w, sum(CASE WHEN method = 'power-integration' THEN energy_j ELSE 0 END) AS power_integrated_j
        FROM energy_minute INDEXED BY energy_minute_clock
        WHERE local_minute BETWEEN ? AND ? AND minute_ms >= ? AND minute_ms < ?
        GROUP BY local_day, gpu_key, preset_id, models, local_dow, ${segment}`,
        )
        .all(h * 60, h * 60 + 59, hStart, hEnd) as Row[];
      minuteRows.push(...rows);
    }
    for (const r of minuteRows) addRow(groups, r, schedule);
    return [...groups.values()];
  }

  /** Request totals per model, local day and preset in [fromMs, toMs) (only requests with measured energy count toward energy). */
  requestAggregates(fromMs: number, toMs: number): RequestAggregate[] {
    const rows = this.db
      .prepare(
        `SELECT model, local_day, preset_id, count(*) AS n, sum(CASE WHEN energy_j IS NULL THEN 0 ELSE tokens END) AS tokens, sum(coalesce(energy_j, 0)) AS energy_j
      FROM energy_request WHERE started_ms >= ? AND started_ms < ? GROUP BY model, local_day, preset_id`,
      )
      .all(fromMs, toMs) as Row[];
    return rows.map((r) => ({
      model: String(r.model),
      day: String(r.local_day),
      presetId: (r.preset_id as string | null) ?? null,
      count: Number(r.n),
      tokens: Number(r.tokens),
      energyJ: Number(r.energy_j),
    }));
  }

  /** Gaps overlapping [fromMs, toMs), oldest first. */
  gaps(fromMs: number, toMs: number): ReportGap[] {
    const rows = this.db
      .prepare(
        'SELECT gpu_key, start_ms, end_ms, reason FROM energy_gap WHERE end_ms > ? AND start_ms < ? ORDER BY start_ms LIMIT 500',
      )
      .all(fromMs, toMs) as Row[];
    return rows.map((r) => ({
      gpu: String(r.gpu_key),
      from: new Date(Number(r.start_ms)).toISOString(),
      to: new Date(Number(r.end_ms)).toISOString(),
      seconds: (Number(r.end_ms) - Number(r.start_ms)) / 1000,
      reason: String(r.reason),
    }));
  }

  /** Average power (W) of the most recent fully idle-empty minutes of a GPU since `sinceMs`: the samples its idle baseline is learned from. */
  idleEmptyMinuteWatts(gpuKey: string, sinceMs: number, limit = 2000): number[] {
    const rows = this.db
      .prepare(
        `SELECT energy_j * 1000.0 / covered_ms AS w FROM energy_minute INDEXED BY energy_minute_idle
      WHERE gpu_key = ? AND minute_ms >= ? AND idle_empty_s >= 50 AND covered_ms >= 50000 AND idle_empty_s * 1000 >= covered_ms - 1
      ORDER BY minute_ms DESC LIMIT ?`,
      )
      .all(gpuKey, sinceMs, limit) as Row[];
    return rows.map((r) => Number(r.w));
  }

  /** End (Unix ms, to the minute) of the last recorded minute of a GPU, or null; looks back over the newest minutes only. */
  lastRecordedEnd(gpuKey: string): number | null {
    const row = this.db
      .prepare(
        'SELECT max(minute_ms) AS m FROM (SELECT minute_ms, gpu_key FROM energy_minute ORDER BY minute_ms DESC LIMIT 500) WHERE gpu_key = ?',
      )
      .get(gpuKey) as Row | undefined;
    return row?.m === null || row?.m === undefined ? null : Number(row.m) + 60_000;
  }

  /** The GPU keys that have rollups since `sinceMs`. */
  gpuKeys(sinceMs: number): string[] {
    return (
      this.db.prepare('SELECT DISTINCT gpu_key FROM energy_minute WHERE minute_ms >= ?').all(sinceMs) as Row[]
    ).map((r) => String(r.gpu_key));
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

/** The first local hour boundary at or after `tMs`. */
function nextLocalHour(tMs: number): number {
  const d = new Date(tMs);
  if (d.getMinutes() === 0 && d.getSeconds() === 0 && d.getMilliseconds() === 0) return tMs;
  d.setMinutes(60, 0, 0);
  return d.getTime();
}

/** The last local hour boundary at or before `tMs`. */
function localHourFloor(tMs: number): number {
  const d = new Date(tMs);
  d.setMinutes(0, 0, 0);
  return d.getTime();
}

/** Add one hour or minute row, priced at its local time, to its (day, GPU, preset, models) group. */
function addRow(groups: Map<string, LedgerAggregate>, r: Row, schedule: PriceSchedule): void {
  const key = `${String(r.local_day)}\n${String(r.gpu_key)}\n${String(r.preset_id)}\n${String(r.models)}`;
  let g = groups.get(key);
  if (!g) {
    g = {
      day: String(r.local_day),
      gpuKey: String(r.gpu_key),
      presetId: r.preset_id ? String(r.preset_id) : null,
      modelKeys: parseModels(r.models),
      energyJ: 0,
      cost: 0,
      unpricedJ: 0,
      seconds: { idleEmpty: 0, loadedIdle: 0, inferring: 0 },
      joules: { idleEmpty: 0, loadedIdle: 0, inferring: 0 },
      peakW: 0,
      coveredMs: 0,
      powerIntegratedJ: 0,
    };
    groups.set(key, g);
  }
  const energyJ = Number(r.energy_j);
  const price = schedule.priceAt(Number(r.local_minute), Number(r.local_dow));
  g.energyJ += energyJ;
  if (price === null) g.unpricedJ += energyJ;
  else g.cost += (energyJ / 3_600_000) * price;
  g.seconds.idleEmpty += Number(r.idle_empty_s);
  g.seconds.loadedIdle += Number(r.loaded_idle_s);
  g.seconds.inferring += Number(r.inferring_s);
  g.joules.idleEmpty += Number(r.idle_empty_j);
  g.joules.loadedIdle += Number(r.loaded_idle_j);
  g.joules.inferring += Number(r.inferring_j);
  g.peakW = Math.max(g.peakW, Number(r.peak_w));
  g.coveredMs += Number(r.covered_ms);
  g.powerIntegratedJ += Number(r.power_integrated_j);
}
