/**
 * The delegation ledger's row and summary shapes: one row per MCP `ask` (answered or declined), and the
 * totals the CLI, the monitor and the tray show. Pure types, shared by the core, the contract and the faces.
 */

/** One `ask` as the delegation core hands it to the ledger. */
export interface DelegationRecord {
  /** When the ask ended (Unix ms). */
  at: number;
  /** The MCP client's name from the handshake ("claude-code"), or the face's name when it gave none. */
  client: string;
  task: string;
  /** The model that answered; null when the ask was declined before a model was chosen. */
  model: string | null;
  /** The machine that answered ("local" or a remote endpoint's name). */
  machine: string;
  answered: boolean;
  declined: boolean;
  reason: string;
  promptTokens: number;
  completionTokens: number;
  energyWh: number | null;
  /** energyWh × the tariff at `at`, in `currency`; null without a tariff or a reading. */
  costLocal: number | null;
  /** What the cloud would have charged for the tokens (answered asks only), in `currency`. */
  cloudCostAvoided: number | null;
  /** ISO 4217 of the two amounts; the ledger fills in the user's currency when it is left out. */
  currency?: string;
}

/** How a summary is grouped. */
export const DELEGATION_GROUPINGS = ['client', 'model', 'day'] as const;
export type DelegationGrouping = (typeof DELEGATION_GROUPINGS)[number];

/** Totals over a set of delegations. Money counts only the rows kept in the summary's currency. */
export interface DelegationTotals {
  tasks: number;
  answered: number;
  declined: number;
  promptTokens: number;
  completionTokens: number;
  /** Sum of the measured Wh (asks without a reading add nothing). */
  energyWh: number;
  /** Null when no row had a local cost (no tariff set). */
  costLocal: number | null;
  /** Null when no answered row had a cloud price. */
  cloudCostAvoided: number | null;
  /** cloudCostAvoided − costLocal: what delegating saved; null without a cloud price. */
  saved: number | null;
}

/** One group of a summary: a client, a model ("" = declined before a model) or a local day (YYYY-MM-DD). */
export interface DelegationSummaryRow extends DelegationTotals {
  key: string;
}

/** The delegations in [from, to), in one currency. */
export interface DelegationSummary {
  from: string;
  to: string;
  by: DelegationGrouping;
  currency: string;
  totals: DelegationTotals;
  rows: DelegationSummaryRow[];
}
