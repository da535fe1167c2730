import { expect } from 'vitest';

/** Asserts that `fn` throws an XprovError with `code`. */
export function expectCode(fn: () => unknown, code: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeDefined();
  expect((err as { code?: string }).code).toBe(code);
}

export async function expectCodeAsync(fn: () => Promise<unknown>, code: string): Promise<void> {
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${code}`).toBeDefined();
  expect((err as { code?: string }).code).toBe(code);
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
