/**
 * did:web "Read (Resolve)" URL mapping (W3C CCG did:web Method Specification §3.2):
 * 1. replace ":" with "/" in the method-specific identifier; 2. percent-decode the port
 * colon (`%3A`); 3. prepend `https://`; 4. with no path, append `/.well-known`;
 * 5. append `/did.json`. The spec forbids IP addresses as the host.
 *
 * The DID is attacker-controlled (it names the issuer of a credential): anything that is not
 * a DNS host name with an optional port and plain path segments is `XP_DID_INVALID`.
 */
import { XprovError } from '@xprov/format';
import { DID_CODES } from './codes.js';

const SEGMENT = /^(?:[A-Za-z0-9._~!$&'()*+,;=@-]|%[0-9A-Fa-f]{2})+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function invalid(message: string): never {
  throw new XprovError(DID_CODES.INVALID, message);
}

/** `did:web:example.com%3A8443:user:alice` → `https://example.com:8443/user/alice/did.json`. */
export function didWebToUrl(did: string): URL {
  if (typeof did !== 'string' || !did.startsWith('did:web:')) invalid('not a did:web');
  if (/[#?/]/.test(did)) invalid('a did:web DID has no path, query or fragment');
  const [hostPart, ...path] = did.slice('did:web:'.length).split(':');
  if (!hostPart) invalid('did:web needs a host');
  const portMatch = /^(.*?)(?:%3[Aa](\d{1,5}))?$/.exec(hostPart);
  const host = (portMatch?.[1] ?? '').toLowerCase();
  const port = portMatch?.[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) invalid('did:web port out of range');
  if (host.includes('%')) invalid('only the port colon may be percent-encoded in a did:web host');
  if (IPV4.test(host) || host.startsWith('[')) invalid('did:web hosts must be domain names, not IP addresses');
  const labels = host.split('.');
  if (!labels.every((l) => LABEL.test(l))) invalid('did:web host is not a domain name');
  // The WHATWG URL parser reads hosts such as "127.1" or "0x7f.1" as IPv4; refuse them too.
  if (/^(?:0x[0-9a-f]*|\d+)$/.test(labels[labels.length - 1]!)) invalid('did:web host looks like an IP address');
  for (const segment of path) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..') invalid('did:web path segment is not valid');
  }
  const authority = port === undefined ? host : `${host}:${port}`;
  const pathname = path.length === 0 ? '/.well-known' : `/${path.join('/')}`;
  const url = new URL(`https://${authority}${pathname}/did.json`);
  if (url.hostname !== host || IPV4.test(url.hostname)) invalid('did:web host does not survive URL parsing unchanged');
  return url;
}
