/** Where LM Studio is: explicit option > LOADOUT_LMSTUDIO_URL > settings > http://127.0.0.1:1234, and where that came from. */
import { httpUrlProblem, TOKEN_HINTS } from '../../../shared/settings/http-url';

export const DEFAULT_LMSTUDIO_URL = 'http://127.0.0.1:1234';

/**
 * Normalizes a user-typed base URL: adds http:// when the scheme is missing, drops trailing slashes and a
 * trailing `/v1` or `/api/v1` (people paste the OpenAI base URL). Returns null for an empty or unusable value.
 */
export function normalizeBaseUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (text === '') return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(api\/)?v[01]$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** Where the LM Studio URL in use came from. */
export type LmStudioUrlSource = 'flag' | 'env' | 'settings' | 'default';

/** A URL given but not used, and why (a user sees this: nothing is skipped silently). */
export interface IgnoredLmStudioUrl {
  source: LmStudioUrlSource;
  value: string;
  problem: string;
}

/** The URL in use, where it came from, and the higher-precedence URLs that were given but could not be used. */
export interface LmStudioUrlInUse {
  url: string;
  source: LmStudioUrlSource;
  /** How a message names the source: "the LOADOUT_LMSTUDIO_URL environment variable". */
  sourceLabel: string;
  ignored: IgnoredLmStudioUrl[];
}

const SOURCE_LABELS: Record<LmStudioUrlSource, string> = {
  flag: 'the --lmstudio flag',
  env: 'the LOADOUT_LMSTUDIO_URL environment variable',
  settings: 'settings (lmstudio.baseUrl)',
  default: "Loadout's default",
};

/**
 * Why a typed URL cannot be used for LM Studio (the settings' own http(s)-only, no-credentials check), or
 * null. Settings get the schema's words; a flag or variable is told that the token has its own variable.
 */
export function lmStudioUrlProblem(raw: string, source: LmStudioUrlSource = 'settings'): string | null {
  const text = raw.trim();
  const problem = httpUrlProblem(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`, TOKEN_HINTS.lmstudio);
  if (problem?.startsWith('a user name or password') && source !== 'settings') {
    return 'a user name or password inside the URL is not how LM Studio takes a token: remove it from the URL and set LM_API_TOKEN (or the token in settings)';
  }
  return problem;
}

/**
 * Picks the base URL by precedence: explicit (`--lmstudio`, or a remote machine's URL with `explicitLabel`) >
 * LOADOUT_LMSTUDIO_URL > settings > default. An unusable higher-precedence value is not fatal, but it is
 * listed in `ignored` with its reason, for the CLI and the settings window to show.
 */
export function resolveLmStudioUrl(sources: {
  explicit?: string;
  explicitLabel?: string;
  env?: NodeJS.ProcessEnv;
  settings?: string;
}): LmStudioUrlInUse {
  const ignored: IgnoredLmStudioUrl[] = [];
  const candidates: [LmStudioUrlSource, string | undefined][] = [
    ['flag', sources.explicit],
    ['env', sources.env?.LOADOUT_LMSTUDIO_URL],
    ['settings', sources.settings],
  ];
  for (const [source, raw] of candidates) {
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const problem = lmStudioUrlProblem(raw, source);
    const url = problem ? null : normalizeBaseUrl(raw);
    const label = source === 'flag' && sources.explicitLabel ? sources.explicitLabel : SOURCE_LABELS[source];
    if (url) return { url, source, sourceLabel: label, ignored };
    ignored.push({
      source,
      value: raw,
      problem: problem ?? 'not a URL: use an http(s) URL such as http://127.0.0.1:1234',
    });
  }
  return { url: DEFAULT_LMSTUDIO_URL, source: 'default', sourceLabel: SOURCE_LABELS.default, ignored };
}

/** Picks the base URL by precedence (see resolveLmStudioUrl); an unusable higher-precedence value is skipped, not fatal. */
export function resolveLmStudioBaseUrl(sources: {
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  settings?: string;
}): string {
  return resolveLmStudioUrl(sources).url;
}

/** "http://127.0.0.1:1234 (from the LOADOUT_LMSTUDIO_URL environment variable)": the URL as messages name it. */
export function describeLmStudioUrl(inUse: Pick<LmStudioUrlInUse, 'url' | 'sourceLabel'>): string {
  return `${inUse.url} (from ${inUse.sourceLabel})`;
}

/** One sentence per URL given but not used: which, why, and what is used instead. */
export function ignoredLmStudioUrlNotes(inUse: LmStudioUrlInUse): string[] {
  return inUse.ignored.map((i) => {
    const label = SOURCE_LABELS[i.source];
    return `${label[0]!.toUpperCase()}${label.slice(1)} is "${i.value}", which was not used: ${i.problem}. Using ${describeLmStudioUrl(inUse)} instead.`;
  });
}

/** True when the URL is LM Studio's default local server (then `lms` needs no --host/--port). */
export function isDefaultLocalServer(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && (url.port || '80') === '1234';
  } catch {
    return false;
  }
}
