/** The energy ledger's tables in loadout.db, as append-only migrations for openDatabase. */
import type { Migration } from '../db/open-database';

export const ENERGY_COMPONENT = 'energy';

export const ENERGY_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE energy_minute (
     gpu_key TEXT NOT NULL,
     minute_ms INTEGER NOT NULL,
     preset_id TEXT NOT NULL,          -- '' = no preset
     models TEXT NOT NULL,             -- JSON array of sorted model keys
     local_day TEXT NOT NULL,          -- writer's local calendar day, YYYY-MM-DD
     local_minute INTEGER NOT NULL,    -- minute of the local day, 0..1439 (time-of-use pricing)
     local_dow INTEGER NOT NULL,       -- 0 = Sunday
     energy_j REAL NOT NULL,
     covered_ms INTEGER NOT NULL,
     idle_empty_s REAL NOT NULL, loaded_idle_s REAL NOT NULL, inferring_s REAL NOT NULL,
     idle_empty_j REAL NOT NULL, loaded_idle_j REAL NOT NULL, inferring_j REAL NOT NULL,
     peak_w REAL NOT NULL,
     method TEXT NOT NULL,             -- counter | power-integration
     writer TEXT NOT NULL,
     PRIMARY KEY (minute_ms, gpu_key, preset_id, models)
   ) WITHOUT ROWID;
   CREATE TABLE energy_gap (
     gpu_key TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL, reason TEXT NOT NULL, writer TEXT NOT NULL,
     PRIMARY KEY (gpu_key, start_ms)
   );
   CREATE INDEX energy_gap_end ON energy_gap (end_ms);
   CREATE TABLE energy_request (
     id INTEGER PRIMARY KEY,
     started_ms INTEGER NOT NULL, ended_ms INTEGER NOT NULL,
     local_day TEXT NOT NULL,
     model TEXT NOT NULL, preset_id TEXT,
     tokens INTEGER NOT NULL, duration_ms INTEGER NOT NULL,
     energy_j REAL,                    -- null when no GPU reading covered the request
     wh_per_1k_tokens REAL,
     method TEXT,
     coverage REAL NOT NULL            -- share of the request's time covered by readings, 0..1
   );
   CREATE INDEX energy_request_time ON energy_request (started_ms);
   CREATE TABLE energy_writer (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     writer TEXT NOT NULL,
     heartbeat_ms INTEGER NOT NULL
   );`,
  // 2: hourly rollups (sums of the minute rows of one local hour) so a 30-day report reads ~720 rows,
  // not 43 200; and an index of idle-empty minutes for the idle baseline.
  `CREATE TABLE energy_hour (
     gpu_key TEXT NOT NULL,
     local_day TEXT NOT NULL,
     local_hour INTEGER NOT NULL,      -- 0..23, writer's local time
     preset_id TEXT NOT NULL,
     models TEXT NOT NULL,
     start_ms INTEGER NOT NULL,        -- first minute of the hour that has data
     local_dow INTEGER NOT NULL,
     energy_j REAL NOT NULL, covered_ms INTEGER NOT NULL,
     idle_empty_s REAL NOT NULL, loaded_idle_s REAL NOT NULL, inferring_s REAL NOT NULL,
     idle_empty_j REAL NOT NULL, loaded_idle_j REAL NOT NULL, inferring_j REAL NOT NULL,
     peak_w REAL NOT NULL,
     power_integrated_j REAL NOT NULL,
     PRIMARY KEY (gpu_key, local_day, local_hour, preset_id, models)
   ) WITHOUT ROWID;
   CREATE INDEX energy_hour_start ON energy_hour (start_ms);
   CREATE INDEX energy_minute_local ON energy_minute (gpu_key, local_day, local_minute);
   CREATE INDEX energy_minute_clock ON energy_minute (local_minute, minute_ms);
   CREATE INDEX energy_minute_idle ON energy_minute (gpu_key, minute_ms) WHERE idle_empty_s >= 50;
   INSERT INTO energy_hour
     SELECT gpu_key, local_day, local_minute / 60, preset_id, models, min(minute_ms), min(local_dow),
       sum(energy_j), sum(covered_ms), sum(idle_empty_s), sum(loaded_idle_s), sum(inferring_s),
       sum(idle_empty_j), sum(loaded_idle_j), sum(inferring_j), max(peak_w),
       sum(CASE WHEN method = 'power-integration' THEN energy_j ELSE 0 END)
     FROM energy_minute GROUP BY gpu_key, local_day, local_minute / 60, preset_id, models;`,
];
