/** A cheap token estimate for routing: no tokenizer, errs on the high side so context checks stay safe. */

/** Roughly 3.5 characters per token (English ~4, Portuguese and code ~3.3); rounds up. */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  return Math.ceil(text.length / 3.5);
}
