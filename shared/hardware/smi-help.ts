/** Reads `nvidia-smi --help-query-gpu`: the field names (and aliases) this driver accepts. */

const GPU_SECTION = 'List of valid properties to query for the switch "--query-gpu":';
const ANY_SECTION = 'List of valid properties to query for the switch';

/**
 * Every valid `--query-gpu` field name in the help text, aliases included. Only the `--query-gpu`
 * section counts (the same dump also lists `--query-compute-apps` fields). Empty when the text is not a help dump.
 */
export function parseHelpQueryGpu(text: string): Set<string> {
  const start = text.indexOf(GPU_SECTION);
  const body = start >= 0 ? text.slice(start + GPU_SECTION.length) : text;
  const end = body.indexOf(ANY_SECTION);
  const section = end >= 0 ? body.slice(0, end) : body;
  const names = new Set<string>();
  for (const line of section.split(/\r?\n/)) {
    if (!line.startsWith('"')) continue;
    for (const m of line.matchAll(/"([^"\s]+)"/g)) if (m[1]) names.add(m[1]);
  }
  return names;
}
