/**
 * The verification result and the verdict rule (spec/verification.md §14).
 */
export type Verdict = 'valid' | 'invalid' | 'inconclusive';

export interface Check {
  /** The spec step that performed it, e.g. "6.1" (spec/verification.md). */
  id: string;
  /** The code the check reports when it fails (DESIGN §4); passing checks carry it too. */
  code: string;
  ok: boolean;
  message: string;
  /** The credential, presentation or receipt it concerns. */
  credentialId?: string;
}

/** One link of the chain, for reports (authority → agents → permit → outcome → log). */
export interface ChainLink {
  role: 'grant' | 'permit' | 'outcome' | 'denial';
  id: string;
  issuer: string;
  subject: string;
  /** Grants: the actions and resource patterns granted; permit: the request. */
  actions?: string[];
  resources?: string[];
  /** Log position when a receipt was found. */
  log?: { origin: string; index: number };
}

export interface VerificationResult {
  verdict: Verdict;
  /** `deny` for a denial bundle: valid evidence of a refusal, never of an execution (§15). */
  decision?: 'permit' | 'deny';
  /** T of §3: the permit's (or denial's) evaluatedAt. */
  executionTime?: string;
  checks: Check[];
  chain: ChainLink[];
  outcome?: { status: string };
  /** Denial bundles: the codes the governor gave for refusing. */
  denialCodes?: string[];
}

/** Codes that make a verdict inconclusive rather than invalid (§14.1). */
export const INCONCLUSIVE_CODES: ReadonlySet<string> = new Set(['XP_DID_UNRESOLVED', 'XP_STATUS_UNKNOWN', 'XP_TRUST_INVALID']);

/** §14.1: no failure → valid; any failure outside INCONCLUSIVE_CODES → invalid; else inconclusive. */
export function verdictOf(checks: readonly Check[]): Verdict {
  let inconclusive = false;
  for (const c of checks) {
    if (c.ok) continue;
    if (!INCONCLUSIVE_CODES.has(c.code)) return 'invalid';
    inconclusive = true;
  }
  return inconclusive ? 'inconclusive' : 'valid';
}

/** The distinct failing codes, in first-seen order (what test vectors compare). */
export function failingCodes(result: Pick<VerificationResult, 'checks'>): string[] {
  return [...new Set(result.checks.filter((c) => !c.ok).map((c) => c.code))];
}
