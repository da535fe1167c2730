/**
 * DOM building without HTML parsing: every string goes in as a text node or an attribute value,
 * never through innerHTML, so bundle content (attacker-controlled) cannot become markup. `shown`
 * additionally makes C0/C1 controls and bidi overrides visible (as in xprov-verify's report), so
 * a credential id cannot reorder the text around it.
 */
type Child = Node | string | number | false | null | undefined;
type Props = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function shown(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') node.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'className') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** A value from a bundle or a server: escaped for display, isolated for bidi. */
export function v(value: unknown): HTMLElement {
  return el('bdi', { className: 'v' }, shown(value));
}

/** ✓ / ✗ with a text alternative for screen readers. */
export function mark(ok: boolean): HTMLElement {
  return el('span', { className: ok ? 'ok' : 'bad' }, el('span', { 'aria-hidden': 'true' }, ok ? '✓' : '✗'), el('span', { className: 'sr' }, ok ? 'passed' : 'failed'));
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`page is missing #${id}`);
  return node as T;
}
