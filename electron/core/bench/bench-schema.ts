/** The benchmark results' table in loadout.db, as append-only migrations for openDatabase. */
import type { Migration } from '../db/open-database';

export const BENCH_COMPONENT = 'bench';

export const BENCH_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE bench_run (
     id INTEGER PRIMARY KEY,
     started_at TEXT NOT NULL,            -- ISO, UTC
     model_key TEXT NOT NULL,
     quantization TEXT,
     device TEXT NOT NULL,                -- gpu | cpu | split | unknown
     context_length INTEGER,
     gpu_offload TEXT,                    -- max | off | 0..1 | NULL (automatic)
     runs INTEGER NOT NULL,
     tok_s REAL,                          -- headline medians, for sorting and queries
     ttft_ms REAL,
     wh_per_1k REAL,
     lmstudio_version TEXT,
     driver_version TEXT,
     loadout_version TEXT NOT NULL,
     rating INTEGER,                      -- the user's 1..5, editable
     best_for TEXT,
     issues TEXT,
     notes TEXT,
     rated_at TEXT,
     record TEXT NOT NULL                 -- the whole measured result as JSON (shared/bench/bench-record.ts)
   );
   CREATE INDEX bench_run_model ON bench_run (model_key, started_at);`,
];
