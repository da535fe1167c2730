/**
 * Execution lineage (DESIGN §2.2: a permit's optional `request.parent` names the outcome of the
 * execution that caused it). Pure: from bundles fetched by execution id, builds the forest in
 * which each execution hangs under the execution whose outcome caused it. Bundles are
 * attacker-controlled: every field is read defensively and only shown as text.
 */
export interface ExecutionNode {
  executionId: string;
  bundle: Record<string, unknown>;
  kind: 'permit' | 'denial' | 'unknown';
  outcomeId?: string | undefined;
  outcomeStatus?: string | undefined;
  /** The outcome this execution's permit names as its cause. */
  parentOutcomeId?: string | undefined;
  children: ExecutionNode[];
}

function obj(x: unknown): Record<string, unknown> | undefined {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}
function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

export function nodeOf(executionId: string, bundle: unknown): ExecutionNode {
  const b = obj(bundle) ?? {};
  const permit = obj(b['permit']);
  const outcome = obj(b['outcome']);
  const parent = obj(obj(obj(permit?.['credentialSubject'])?.['request'])?.['parent']);
  return {
    executionId,
    bundle: b,
    kind: permit ? 'permit' : obj(b['denial']) ? 'denial' : 'unknown',
    outcomeId: str(outcome?.['id']),
    outcomeStatus: str(obj(outcome?.['credentialSubject'])?.['status']),
    parentOutcomeId: str(parent?.['id']),
    children: [],
  };
}

/** Roots are executions whose cause is not among the loaded ones; input order is kept. */
export function buildForest(nodes: ExecutionNode[]): ExecutionNode[] {
  for (const n of nodes) n.children = [];
  const byOutcome = new Map<string, ExecutionNode>();
  for (const n of nodes) if (n.outcomeId !== undefined && !byOutcome.has(n.outcomeId)) byOutcome.set(n.outcomeId, n);
  const roots: ExecutionNode[] = [];
  for (const n of nodes) {
    const p = n.parentOutcomeId === undefined ? undefined : byOutcome.get(n.parentOutcomeId);
    // A forged bundle could name its own outcome (or a descendant's) as parent: no cycles.
    if (p && p !== n && !descends(p, n)) p.children.push(n);
    else roots.push(n);
  }
  return roots;
}

function descends(candidate: ExecutionNode, ancestor: ExecutionNode): boolean {
  const seen = new Set<ExecutionNode>();
  const stack = [...ancestor.children];
  while (stack.length) {
    const x = stack.pop()!;
    if (x === candidate) return true;
    if (seen.has(x)) continue;
    seen.add(x);
    stack.push(...x.children);
  }
  return false;
}
