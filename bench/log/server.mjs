// Bench server process: `node server.mjs log DIR` runs the xprov log service; `node server.mjs bare`
// runs a bare Hono JSON POST endpoint with the same server setup (@hono/node-server, 127.0.0.1,
// body read as bytes, JSON answer). Prints {url, apiKey} on stdout.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { startLogServer } from '@xprov/log';

const [mode, dir] = process.argv.slice(2);
const apiKey = 'bench-api-key-0123456789';
if (mode === 'log') {
  const synchronous = process.env.XPROV_LOG_SYNC === 'NORMAL' ? 'NORMAL' : 'FULL';
  const s = await startLogServer({ dataDir: dir, port: 0, origin: 'bench.local/log', apiKey, synchronous });
  process.stdout.write(`${JSON.stringify({ url: s.url, apiKey })}\n`);
} else {
  const app = new Hono();
  let n = 0;
  app.post('/add', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json({ index: body.length > 0 ? n++ : -1 });
  });
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, apiKey })}\n`);
  });
}
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
