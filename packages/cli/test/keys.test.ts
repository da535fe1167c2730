import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { didKeyFromPublicKey, keyPairFromJson } from '@xprov/crypto';
import { describe, expect, it } from 'vitest';
import { tempDir, xprov } from './helpers.js';

describe('xprov keys new', () => {
  it('writes a 0600 Multikey file and prints its did:key', () => {
    const dir = tempDir();
    const r = xprov(['keys', 'new', '--out', 'k.json'], { cwd: dir });
    expect(r.status).toBe(0);
    const file = join(dir, 'k.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json.type).toBe('Multikey');
    const pair = keyPairFromJson(json);
    const { did, verificationMethod } = didKeyFromPublicKey(pair.publicKeyMultibase);
    expect(r.stdout).toBe(`${did}\n`);
    expect(json.controller).toBe(did);
    expect(json.id).toBe(verificationMethod);
    expect(r.stderr).not.toContain(json.secretKeyMultibase);
  });

  it('refuses to overwrite an existing file (XP_IO, exit 2) and leaves it unchanged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'k.json'), 'precious');
    const r = xprov(['keys', 'new', '--out', 'k.json'], { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_IO');
    expect(readFileSync(join(dir, 'k.json'), 'utf8')).toBe('precious');
  });

  it('without --out prints the key JSON on stdout and the DID on stderr', () => {
    const r = xprov(['keys', 'new']);
    expect(r.status).toBe(0);
    const pair = keyPairFromJson(JSON.parse(r.stdout));
    expect(r.stderr.trim()).toBe(didKeyFromPublicKey(pair.publicKeyMultibase).did);
  });

  it('two keys differ', () => {
    expect(xprov(['keys', 'new']).stdout).not.toBe(xprov(['keys', 'new']).stdout);
  });
});

describe('xprov keys did', () => {
  it('prints the did:key of a key file', () => {
    const dir = tempDir();
    const did = xprov(['keys', 'new', '--out', 'k.json'], { cwd: dir }).stdout;
    expect(xprov(['keys', 'did', 'k.json'], { cwd: dir }).stdout).toBe(did);
  });

  it.each([
    ['not JSON', 'nope'],
    ['no secret', '{"publicKeyMultibase":"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}'],
    ['a wrong multicodec', '{"secretKeyMultibase":"z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"}'],
  ])('refuses a key file with %s (XP_KEY_INVALID, exit 1)', (_name, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), text);
    const r = xprov(['keys', 'did', 'bad.json'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.code).toBe('XP_KEY_INVALID');
  });

  it('a missing key file is XP_IO, exit 2', () => {
    const r = xprov(['keys', 'did', 'missing.json'], { cwd: tempDir() });
    expect(r.status).toBe(2);
    expect(r.code).toBe('XP_IO');
  });
});

describe('usage', () => {
  it.each([[['bogus']], [['keys', 'new', '--nope']], [['keys', 'did']], [[]]])('%j exits 2', (args) => {
    const r = xprov(args);
    expect(r.status).toBe(2);
  });

  it('an unknown command says XP_USAGE', () => {
    expect(xprov(['bogus']).code).toBe('XP_USAGE');
  });

  it('--help exits 0', () => {
    const r = xprov(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('keys');
  });
});

describe('xprov context', () => {
  it('prints the bundled xprov context', async () => {
    const { xprovContext } = await import('@xprov/format');
    const r = xprov(['context']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(xprovContext);
  });
});
