/** `startConsoleServer`: the console app over HTTP (@hono/node-server), on 127.0.0.1 by default. */
import { serve } from '@hono/node-server';
import { type ConsoleOptions, createConsoleApp } from './app.js';

export interface ConsoleServerOptions extends ConsoleOptions {
  port: number;
  host?: string;
}

export interface RunningConsole {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startConsoleServer(o: ConsoleServerOptions): Promise<RunningConsole> {
  const app = createConsoleApp(o);
  const host = o.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: o.port, hostname: host }, (info) => {
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
