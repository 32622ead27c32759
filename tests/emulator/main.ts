/**
 * `npm run emulator -- [flags]`: runs the LM Studio emulator until Ctrl+C.
 * Flags: --port N (default 1234) --host H --v0-only --token T --vram-gb N --ram-gb N --tps N --ttft-ms N
 * --load-ms-per-gb N --jit --version V --catalog FILE.json --preload KEY[@CTX][,KEY…] --answer-file FILE.md --single-chunk
 */
import { readFileSync } from 'node:fs';
import type { EmulatedModel } from './catalog';
import { createLmStudioEmulator, type LmStudioEmulatorOptions } from './emulator';

/** The line a parent process waits for (see `startEmulatorProcess`). */
export const READY_PREFIX = 'LMSTUDIO_EMULATOR_URL=';

const USAGE =
  'usage: npm run emulator -- [--port N] [--host H] [--v0-only] [--token T] [--vram-gb N] [--ram-gb N] [--tps N] ' +
  '[--ttft-ms N] [--load-ms-per-gb N] [--jit] [--version V] [--catalog FILE.json] [--preload KEY[@CTX][,KEY…]] ' +
  '[--answer-file FILE.md] [--single-chunk]';

/** Parses the flags into emulator options; throws a usage message on a bad flag. */
export function parseEmulatorArgs(args: string[]): LmStudioEmulatorOptions {
  const options: LmStudioEmulatorOptions = { port: 1234, loadMsPerGb: 250 };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = (): string | undefined => args[++i];
    switch (flag) {
      case '--port':
        options.port = number(flag, value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--v0-only':
        options.v0Only = true;
        break;
      case '--token':
        options.token = value() ?? null;
        break;
      case '--vram-gb':
        options.vramGb = number(flag, value());
        break;
      case '--ram-gb':
        options.ramGb = number(flag, value());
        break;
      case '--tps':
        options.tokensPerSecond = number(flag, value());
        break;
      case '--ttft-ms':
        options.timeToFirstTokenMs = number(flag, value());
        break;
      case '--load-ms-per-gb':
        options.loadMsPerGb = number(flag, value());
        break;
      case '--jit':
        options.jit = true;
        break;
      case '--version':
        options.version = value();
        break;
      case '--catalog': {
        const file = value();
        if (!file) throw new Error(`--catalog needs a JSON file\n${USAGE}`);
        options.catalog = JSON.parse(readFileSync(file, 'utf8')) as EmulatedModel[];
        break;
      }
      case '--answer-file': {
        const file = value();
        if (!file) throw new Error(`--answer-file needs a text file\n${USAGE}`);
        options.answerText = readFileSync(file, 'utf8');
        break;
      }
      case '--single-chunk':
        options.singleChunk = true;
        break;
      case '--preload':
        options.preload = (value() ?? '')
          .split(',')
          .filter(Boolean)
          .map((item) => {
            const [key, ctx] = item.split('@');
            return ctx ? { key: key as string, contextLength: Number(ctx) } : { key: key as string };
          });
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown flag ${String(flag)}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: LmStudioEmulatorOptions;
  try {
    options = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const emulator = await createLmStudioEmulator(options);
  const mode = options.v0Only ? 'v0 only (0.3.x)' : 'REST v1 + v0';
  process.stdout.write(
    `LM Studio emulator (${mode}${options.token ? ', token required' : ''}) listening on ${emulator.url}\n`,
  );
  process.stdout.write(`${READY_PREFIX}${emulator.url}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && /emulator[\\/]main\.ts$/.test(process.argv[1])) void main();
