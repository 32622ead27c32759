/** The shape of a `loadout` sub-command, and the usage error that makes the CLI exit 2. */

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl+C: long-running commands stop cleanly. */
  signal: AbortSignal;
}

export interface CliCommand {
  name: string;
  /** One line for `loadout help`. */
  summary: string;
  /** The synopsis, e.g. `monitor [--once] [--json] [--interval MS] [--count N]`. */
  usage: string;
  /** Runs the command; resolves to the exit code (0 ok, 1 failed or refused). Throws UsageError for bad arguments. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Bad arguments: the CLI prints the message with the usage line and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
