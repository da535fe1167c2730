/**
 * The test-vector file format (spec/vectors.md §1): one JSON file per vector.
 */
export type Verdict = 'valid' | 'invalid' | 'inconclusive';

export interface Vector {
  /** File name without `.json`; lowercase words joined by `-`. */
  id: string;
  /** One sentence: what is in the bundle and why it gets its verdict. */
  description: string;
  /** The spec step(s) exercised, e.g. `verification.md §5.3`. */
  spec: string;
  /** The `ProvenanceBundle` to verify (spec/bundle.md). */
  bundle: unknown;
  /** The trust file to verify it against (spec/trust-file.md). */
  trust: unknown;
  /**
   * The verdict, and the exact set of codes of the failing checks (sorted, no duplicates).
   * A valid vector has `codes: []`.
   */
  expected: { verdict: Verdict; codes: string[] };
}

/** `vectors/index.json`: the list of vectors with their expectations, for quick scanning. */
export interface VectorIndex {
  version: 1;
  vectors: Array<{ id: string; file: string; description: string; spec: string; expected: Vector['expected'] }>;
}

/**
 * Serialization of vector files: 2-space JSON with a trailing newline. Key order is the order of
 * construction, which the generator fixes, so files are byte-stable.
 */
export function serializeVector(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}
