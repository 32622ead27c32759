/**
 * A second HTTP client for bench/crosscheck.ts: raw HTTP/1.1 over node:net (keep-alive, Nagle off), nothing
 * shared with fetch/undici. It times the first streamed token as the moment the bytes holding the first
 * `"content":"` arrive on the socket, and the whole answer as the moment its last byte arrives.
 */
import net from 'node:net';

const MARKER = '"content":"';

type State = 'head' | 'length' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailer' | 'until-close' | 'done';

/** Incremental HTTP/1.1 response reader: feed it socket data; it notes when the first token and the end arrive. */
export class ResponseScanner {
  status = 0;
  /** The `now` of the feed that completed the first `"content":"` of the body; null until then. */
  firstTokenAt: number | null = null;
  doneAt: number | null = null;
  keepAlive = true;
  private state: State = 'head';
  private buf: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private tail = '';

  get done(): boolean {
    return this.state === 'done';
  }

  feed(data: Buffer, now: number): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    while (this.step(now));
  }

  /** The server closed the connection: an answer without a length ends here. */
  end(now: number): void {
    if (this.state === 'until-close') this.finish(now);
  }

  private step(now: number): boolean {
    switch (this.state) {
      case 'head': {
        const at = this.buf.indexOf('\r\n\r\n');
        if (at < 0) return false;
        const [statusLine = '', ...lines] = this.buf.subarray(0, at).toString('latin1').split('\r\n');
        this.buf = this.buf.subarray(at + 4);
        this.status = Number(statusLine.split(' ')[1]);
        if (this.status >= 100 && this.status < 200) return true; // 100 Continue: the real head follows
        const headers = new Map(
          lines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        this.keepAlive = headers.get('connection')?.toLowerCase() !== 'close';
        if (headers.get('transfer-encoding')?.toLowerCase().includes('chunked')) this.state = 'chunk-size';
        else if (headers.has('content-length')) {
          this.remaining = Number(headers.get('content-length'));
          this.state = 'length';
          if (this.remaining === 0) this.finish(now);
        } else this.state = 'until-close';
        return true;
      }
      case 'length':
      case 'chunk-data':
      case 'until-close': {
        if (this.buf.length === 0) return false;
        const take = this.state === 'until-close' ? this.buf.length : Math.min(this.remaining, this.buf.length);
        this.body(this.buf.subarray(0, take), now);
        this.buf = this.buf.subarray(take);
        this.remaining -= take;
        if (this.remaining > 0 || this.state === 'until-close') return this.buf.length > 0;
        if (this.state === 'length') this.finish(now);
        else this.state = 'chunk-end';
        return true;
      }
      case 'chunk-size': {
        const at = this.buf.indexOf('\r\n');
        if (at < 0) return false;
        const size = parseInt(this.buf.subarray(0, at).toString('latin1').split(';')[0]!, 16);
        if (!Number.isFinite(size)) throw new Error(`bad chunk size: ${this.buf.subarray(0, at).toString('latin1')}`);
        this.buf = this.buf.subarray(at + 2);
        this.remaining = size;
        this.state = size === 0 ? 'trailer' : 'chunk-data';
        return true;
      }
      case 'chunk-end':
        if (this.buf.length < 2) return false;
        this.buf = this.buf.subarray(2);
        this.state = 'chunk-size';
        return true;
      case 'trailer': {
        const at = this.buf.indexOf('\r\n');
        if (at < 0) return false;
        this.buf = this.buf.subarray(at + 2);
        if (at === 0) this.finish(now);
        return true;
      }
      case 'done':
        return false;
    }
  }

  private body(bytes: Buffer, now: number): void {
    if (this.firstTokenAt !== null) return;
    const text = this.tail + bytes.toString('latin1');
    if (text.includes(MARKER)) this.firstTokenAt = now;
    else this.tail = text.slice(-(MARKER.length - 1));
  }

  private finish(now: number): void {
    this.state = 'done';
    this.doneAt = now;
  }
}

export interface RawTiming {
  /** Streams: the first token; whole answers: the end (ms from the first byte written). */
  firstMs: number;
  totalMs: number;
}

/** One keep-alive connection to `baseUrl` (http only) that sends a POST at a time and times its answer. */
export class RawHttpClient {
  private socket: net.Socket | null = null;
  private readonly url: URL;

  constructor(baseUrl: string) {
    this.url = new URL(baseUrl);
  }

  async post(pathname: string, body: string, stream: boolean): Promise<RawTiming> {
    const socket = this.socket ?? (await this.connect());
    const scanner = new ResponseScanner();
    const request =
      `POST ${this.url.pathname.replace(/\/$/, '')}${pathname} HTTP/1.1\r\nHost: ${this.url.host}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`;
    return new Promise<RawTiming>((resolve, reject) => {
      const cleanup = () => {
        socket.off('data', onData);
        socket.off('close', onClose);
        socket.off('error', onError);
      };
      const settle = () => {
        cleanup();
        if (scanner.status !== 200) return reject(new Error(`${this.url.href} answered ${scanner.status}`));
        if (!scanner.keepAlive) this.close();
        const first = stream ? scanner.firstTokenAt : scanner.doneAt;
        if (first === null) return reject(new Error(`${this.url.href} streamed no tokens`));
        resolve({ firstMs: first - t0, totalMs: scanner.doneAt! - t0 });
      };
      const onData = (d: Buffer) => {
        scanner.feed(d, performance.now());
        if (scanner.done) settle();
      };
      const onClose = () => {
        this.socket = null;
        scanner.end(performance.now());
        if (scanner.done) settle();
        else {
          cleanup();
          reject(new Error(`${this.url.href} closed the connection mid-answer`));
        }
      };
      const onError = (e: Error) => {
        cleanup();
        this.socket = null;
        reject(e);
      };
      socket.on('data', onData);
      socket.once('close', onClose);
      socket.once('error', onError);
      const t0 = performance.now();
      socket.write(request);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.url.hostname, port: Number(this.url.port), noDelay: true }, () => {
        socket.off('error', reject);
        this.socket = socket;
        socket.once('close', () => {
          if (this.socket === socket) this.socket = null;
        });
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }
}
