import { describe, expect, it } from 'vitest';
import { jcs, jcsBytes, MAX_DEPTH } from '../src/jcs.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

/** Reads an IEEE-754 double from its 16 hex digits, as RFC 8785 Appendix B lists them. */
function f64(hex: string): number {
  const b = Buffer.from(hex, 'hex');
  return b.readDoubleBE(0);
}

describe('jcs (RFC 8785)', () => {
  it('§3.2.2 example: whitespace, literals, numbers, string escaping', () => {
    // RFC 8785 §3.2.2 (also cyberphone/json-canonicalization README sample).
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(jcs(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('§3.2.3 example: members sorted by UTF-16 code units, not code points', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh",' +
        '"1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control",' +
        '"\\u00f6":"Latin Small Letter O With Diaeresis"}',
    );
    expect(jcs(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('§3.2.4 UTF-8 output bytes', () => {
    expect(Buffer.from(jcsBytes({ '€': 'é' })).toString('hex')).toBe('7b22e282ac223a22c3a9227d');
  });

  // RFC 8785 Appendix B: IEEE-754 value -> ECMAScript serialization.
  const numbers: [string, string][] = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  it.each(numbers)('Appendix B number %s -> %s', (hex, text) => {
    expect(jcs(f64(hex))).toBe(text);
  });

  it('nested objects are sorted recursively and arrays keep their order', () => {
    expect(jcs({ b: [3, { z: 1, a: 2 }], a: null })).toBe('{"a":null,"b":[3,{"a":2,"z":1}]}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['undefined', undefined],
    ['undefined member', { a: undefined }],
    ['function', { f: () => 1 }],
    ['symbol', Symbol('x')],
    ['bigint', 1n],
    ['Date', new Date(0)],
    ['Map', new Map()],
    ['lone high surrogate', '\ud800'],
    ['lone low surrogate key', { '\udc00': 1 }],
    ['sparse array', new Array(3)],
  ])('refuses %s with XP_JCS_INVALID', (_name, value) => {
    expect(code(() => jcs(value))).toBe('XP_JCS_INVALID');
  });

  it('refuses cycles and excessive depth', () => {
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(code(() => jcs(a))).toBe('XP_JCS_INVALID');
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = [deep];
    expect(code(() => jcs(deep))).toBe('XP_JCS_INVALID');
  });

  it('allows a shared (non-cyclic) subobject and null-prototype objects', () => {
    const shared = { x: 1 };
    const o = Object.assign(Object.create(null) as object, { a: shared, b: shared });
    expect(jcs(o)).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe('member order (RFC 8785 §3.2.3)', () => {
  it('is Array.prototype.sort order of the names, for 20k random objects of 0–40 members', () => {
    const pool = ['a', 'b', 'aa', 'A', 'Z', '_', '$', '1', '10', '9', '', 'é', 'ü', '\u20ac', '\ud83d\ude00', '\ufb33', '\u0080', 'proof', 'type', 'id', '@context'];
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      const o: Record<string, number> = {};
      for (let k = 0, n = rand(41); k < n; k++) {
        let name = '';
        for (let c = 0, len = 1 + rand(3); c < len; c++) name += pool[rand(pool.length)];
        o[name] = k;
      }
      const expected = `{${Object.keys(o)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${o[k]}`)
        .join(',')}}`;
      expect(jcs(o)).toBe(expected);
    }
  });
});
