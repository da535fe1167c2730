/**
 * `startIssuerServer` over HTTPS (`tlsCert`/`tlsKey`, the way the W3C suites reach the VC-API):
 * a throwaway self-signed certificate made with openssl at test time, a real log server, a real
 * TLS handshake against that CA, and the persisted VC-API issuer key (0600).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLogServer } from '@xprov/log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIssuerServer } from '../src/index.js';
import { LOG_API_KEY } from './helpers.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'xprov-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ed25519', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function get(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('issuer server over TLS', () => {
  it('serves https with the given certificate and issues as a persisted VC-API key distinct from the governor', async () => {
    const log = await startLogServer({ dataDir: join(dir, 'log'), port: 0, apiKey: LOG_API_KEY, batchDelayMs: 10 });
    const gov = await startIssuerServer({
      dataDir: join(dir, 'gov'),
      port: 0,
      logUrl: log.url,
      logApiKey: LOG_API_KEY,
      tlsCert: join(dir, 'cert.pem'),
      tlsKey: join(dir, 'key.pem'),
    });
    try {
      expect(gov.url.startsWith('https://127.0.0.1:')).toBe(true);
      const r = await get(`${gov.url}/1.0/identifiers/${encodeURIComponent(gov.vcApiIssuer)}`, readFileSync(join(dir, 'cert.pem')));
      expect([r.status, JSON.parse(r.body).didDocument.id]).toEqual([200, gov.vcApiIssuer]);
      expect(gov.vcApiIssuer).not.toBe(gov.governor.did);
      expect(statSync(join(dir, 'gov', 'vcapi-issuer.key')).mode & 0o777).toBe(0o600);
    } finally {
      await gov.close();
      await log.close();
    }
  });

  it('refuses a certificate without its key (XP_USAGE)', async () => {
    await expect(startIssuerServer({ dataDir: join(dir, 'gov2'), port: 0, logUrl: 'http://127.0.0.1:9', tlsCert: join(dir, 'cert.pem') })).rejects.toMatchObject({
      code: 'XP_USAGE',
    });
    expect(existsSync(join(dir, 'gov2'))).toBe(false);
  });
});
