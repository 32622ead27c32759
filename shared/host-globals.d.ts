/**
 * The few WHATWG globals shared/ uses, which every host has (browsers, Node, Electron), declared with
 * just the members used. Only tsconfig.shared.json includes this file (it compiles shared/ with no DOM
 * and no Node types); the main tsconfig excludes it and takes the full types from DOM and Node.
 * Adding a member here is a decision: it must exist in the renderer's sandbox and in Node alike.
 */

/** The emitter's fallback report of a listener that threw (typed-emitter.ts). */
// eslint-disable-next-line no-var -- a global must be a var to appear on globalThis (typed-emitter reads globalThis.console).
declare var console: { error(...data: unknown[]): void };

/** Deep copy of plain data (preset built-ins, settings repair). */
declare function structuredClone<T>(value: T): T;

/** URL parsing, for the settings' http(s) URL check. */
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
}

/** Strict decoding of imported files (decode-text-file.ts). */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
