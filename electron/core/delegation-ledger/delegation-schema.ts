/** The delegation ledger's table in loadout.db (one row per MCP `ask`), as append-only migrations for openDatabase. */
import type { Migration } from '../db/open-database';

export const DELEGATION_COMPONENT = 'delegation';

export const DELEGATION_MIGRATIONS: readonly Migration[] = [
  `CREATE TABLE delegations (
     id INTEGER PRIMARY KEY,
     at_ms INTEGER NOT NULL,
     local_day TEXT NOT NULL,          -- writer's local calendar day, YYYY-MM-DD (grouping by day)
     client TEXT NOT NULL,             -- the MCP client's name from the handshake
     task TEXT NOT NULL,
     model TEXT,                       -- null: declined before a model was chosen
     machine TEXT NOT NULL,
     answered INTEGER NOT NULL,
     declined INTEGER NOT NULL,
     reason TEXT NOT NULL,
     prompt_tokens INTEGER NOT NULL,
     completion_tokens INTEGER NOT NULL,
     energy_wh REAL,                   -- null when no GPU reading covered the answer
     cost_local REAL,                  -- in currency; null without a tariff
     cloud_cost_avoided REAL,          -- in currency; null for an ask not answered
     currency TEXT NOT NULL
   );
   CREATE INDEX delegations_time ON delegations (at_ms);`,
];
