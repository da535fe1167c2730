// Loopback load generator (its own process): POSTs ENTRY-byte bodies to URL/add with bounded
// concurrency for a bounded duration, over keep-alive node:http. 127.0.0.1 only.
// Usage: node load.mjs URL API_KEY SECONDS CONCURRENCY ENTRY_BYTES → prints JSON stats.
import http from 'node:http';

const [url, apiKey, seconds = '5', concurrency = '64', entryBytes = '256'] = process.argv.slice(2);
const target = new URL('/add', url);
if (target.hostname !== '127.0.0.1') throw new Error('loopback only');
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const latencies = [];
let ok = 0;
let failed = 0;
let seq = 0;
const warmupEnd = performance.now() + 500;
const end = warmupEnd + Number(seconds) * 1000;

function post(body) {
  return new Promise((resolve) => {
    const req = http.request(
      target,
      { method: 'POST', agent, headers: { authorization: `Bearer ${apiKey}`, 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function worker() {
  const body = Buffer.alloc(Number(entryBytes), 0x61);
  while (performance.now() < end) {
    body.writeUInt32BE(seq++, 0);
    const t0 = performance.now();
    const status = await post(body);
    const t1 = performance.now();
    if (t0 < warmupEnd) continue;
    if (status === 200) {
      ok++;
      latencies.push(t1 - t0);
    } else failed++;
  }
}

await Promise.all(Array.from({ length: Number(concurrency) }, worker));
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
process.stdout.write(
  `${JSON.stringify({ ok, failed, seconds: Number(seconds), rps: ok / Number(seconds), p50ms: q(0.5), p99ms: q(0.99) })}\n`,
);
agent.destroy();
