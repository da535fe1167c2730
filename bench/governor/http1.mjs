// A minimal HTTP/1.1 keep-alive client for the load generator: one socket per simulated agent,
// one request at a time on it, requests written as one preformatted buffer, answers framed by
// Content-Length or chunked encoding. It exists so that the generator (which shares the 2-core
// machine with the services it measures, "load generator included") spends its CPU on the
// agents' own work — the Ed25519 signatures — and not on node:http's general machinery; load
// tools such as wrk and autocannon do the same. Loopback only; nothing else is supported
// (no redirects, no 1xx, no pipelining, no TLS).
import net from 'node:net';

const CRLF2 = Buffer.from('\r\n\r\n');

export class Http1Connection {
  #host;
  #port;
  #socket;
  /** Bytes received and not yet consumed. */
  #buf = Buffer.alloc(0);
  /** The request in flight: { resolve, headerEnd, status, length, chunked }. */
  #cur;

  constructor(host, port) {
    this.#host = host;
    this.#port = port;
  }

  #connect() {
    const s = net.connect({ host: this.#host, port: this.#port, noDelay: true });
    s.on('data', (d) => {
      this.#buf = this.#buf.length === 0 ? d : Buffer.concat([this.#buf, d]);
      this.#parse();
    });
    const fail = (e) => {
      if (this.#socket === s) this.#socket = undefined;
      const cur = this.#cur;
      this.#cur = undefined;
      this.#buf = Buffer.alloc(0);
      cur?.resolve({ status: 0, text: String(e ?? 'connection closed') });
    };
    s.on('error', fail);
    s.on('close', () => fail());
    this.#socket = s;
    return s;
  }

  /** Resolves with { status, text }; status 0 on a network error. */
  request(method, path, headers, body) {
    const payload = body === undefined ? undefined : Buffer.from(body);
    let head = `${method} ${path} HTTP/1.1\r\nhost: ${this.#host}:${this.#port}\r\ncontent-length: ${payload ? payload.length : 0}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    head += '\r\n';
    const bytes = payload ? Buffer.concat([Buffer.from(head, 'latin1'), payload]) : Buffer.from(head, 'latin1');
    return new Promise((resolve) => {
      this.#cur = { resolve, status: -1 };
      (this.#socket ?? this.#connect()).write(bytes);
    });
  }

  #parse() {
    const cur = this.#cur;
    if (cur === undefined) return;
    if (cur.status === -1) {
      const end = this.#buf.indexOf(CRLF2);
      if (end === -1) return;
      const lines = this.#buf.subarray(0, end).toString('latin1').split('\r\n');
      cur.status = Number(lines[0].split(' ')[1]);
      cur.length = undefined;
      cur.chunked = false;
      for (const line of lines.slice(1)) {
        const i = line.indexOf(':');
        const name = line.slice(0, i).trim().toLowerCase();
        const value = line.slice(i + 1).trim();
        if (name === 'content-length') cur.length = Number(value);
        else if (name === 'transfer-encoding' && value.toLowerCase().includes('chunked')) cur.chunked = true;
      }
      this.#buf = this.#buf.subarray(end + 4);
    }
    let text;
    if (cur.chunked) {
      // Chunks: <hex size>\r\n<data>\r\n … 0\r\n\r\n (no trailers from our servers).
      const parts = [];
      let at = 0;
      for (;;) {
        const eol = this.#buf.indexOf('\r\n', at);
        if (eol === -1) return;
        const size = Number.parseInt(this.#buf.subarray(at, eol).toString('latin1'), 16);
        if (this.#buf.length < eol + 2 + size + 2) return;
        if (size === 0) {
          at = eol + 4;
          break;
        }
        parts.push(this.#buf.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      text = Buffer.concat(parts).toString('utf8');
      this.#buf = this.#buf.subarray(at);
    } else {
      const length = cur.length ?? 0;
      if (this.#buf.length < length) return;
      text = this.#buf.subarray(0, length).toString('utf8');
      this.#buf = this.#buf.subarray(length);
    }
    this.#cur = undefined;
    cur.resolve({ status: cur.status, text });
  }

  close() {
    this.#socket?.destroy();
    this.#socket = undefined;
  }
}
