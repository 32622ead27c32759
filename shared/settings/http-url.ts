/**
 * URLs that Loadout calls (LM Studio here and on other machines, a cloud fallback): http(s) only, and
 * never with a user name or password in them, since config.json is plain text and tokens have their own
 * encrypted setting. Checked by the settings schema, so `config set`, the settings window and the
 * WebSocket API all refuse the same URLs with the same words.
 */
import { z } from 'zod';

/** Why `text` is not a URL Loadout may call, or null when it is; `tokenHint` says where a token goes instead. */
export function httpUrlProblem(text: string, tokenHint: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL: use an http(s) URL such as http://127.0.0.1:1234';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `a ${url.protocol.replace(/:$/, '')}: URL cannot be called: use an http(s) URL such as http://127.0.0.1:1234`;
  }
  if (url.username !== '' || url.password !== '') {
    return `a user name or password inside the URL would be stored as plain text in config.json: remove it from the URL and ${tokenHint}`;
  }
  return null;
}

/** Where each URL's token goes instead of the URL. */
export const TOKEN_HINTS = {
  lmstudio: 'enter the token in the LM Studio token setting (LM_API_TOKEN for the CLI)',
  remote:
    "enter that machine's token in the app, or set LOADOUT_MACHINE_TOKEN_<NAME> for the CLI (LOADOUT_REMOTES_TOKEN for every LM Studio-only machine)",
  cloud: "enter the API key in the cloud fallback's settings (LOADOUT_CLOUD_API_KEY for the CLI)",
} as const;

/** A string that must be an http(s) URL without credentials (`allowEmpty`: '' means "not set"). */
export function httpUrlSchema(tokenHint: string, options: { allowEmpty?: boolean } = {}) {
  return z.string().superRefine((text, ctx) => {
    if (options.allowEmpty && text === '') return;
    const problem = httpUrlProblem(text, tokenHint);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}
