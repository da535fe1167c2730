import { describe, expect, it } from 'vitest';
import { didWebToUrl } from '../src/index.js';

describe('did:web URL mapping (did:web spec §3.2)', () => {
  it.each([
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000', 'https://example.com:3000/.well-known/did.json'],
    ['did:web:example.com%3a3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:Example.COM', 'https://example.com/.well-known/did.json'],
  ])('%s → %s', (did, url) => {
    expect(didWebToUrl(did).href).toBe(url);
  });

  it.each([
    'did:web:127.0.0.1',
    'did:web:127.0.0.1%3A8080',
    'did:web:127.1',
    'did:web:0x7f.1',
    'did:web:%5B::1%5D',
    'did:web:',
    'did:web:example.com%3A0',
    'did:web:example.com%3A70000',
    'did:web:exa%2Fmple.com',
    'did:web:example.com:..:etc',
    'did:web:example.com::x',
    'did:web:example.com#key-1',
    'did:web:example.com/path',
    'did:web:-bad-.com',
    'did:key:z6Mk',
  ])('refuses %s with XP_DID_INVALID', (did) => {
    let code: string | undefined;
    try {
      didWebToUrl(did);
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('XP_DID_INVALID');
  });
});
