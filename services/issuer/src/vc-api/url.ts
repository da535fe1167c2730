/**
 * "URL" as VC 2.0 §4.4 uses it for identifiers (id, issuer, holder, types that expand to IRIs,
 * credentialStatus/credentialSchema ids): an absolute URL with a scheme. xprov policy on top:
 * an http(s) URL must name a fully qualified host (one with a dot), an IP literal or
 * `localhost` — a single-label host such as `https://not-a-url/` is refused, because a
 * globally unambiguous identifier (VC 2.0 §4.4) cannot live on a name only a local resolver
 * knows. The value is attacker-controlled.
 */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export function isUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return false;
  if (!SCHEME.test(value) || /[\s<>"{}|\\^`]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const host = url.hostname;
    if (host === 'localhost' || host.startsWith('[')) return true;
    if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return true;
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(host);
  }
  return url.pathname.length > 0 || url.host.length > 0;
}
