/**
 * "URL" as VC 2.0 §4.4 uses it for identifiers (id, issuer, holder, types that expand to IRIs,
 * credentialStatus/credentialSchema ids, @context entries): an absolute URL — a scheme, no
 * whitespace or characters RFC 3986 excludes, and parseable by the WHATWG URL parser. The value
 * is attacker-controlled.
 */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export function isUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 8192) return false;
  if (!SCHEME.test(value) || /[\s<>"{}|\\^`]/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
