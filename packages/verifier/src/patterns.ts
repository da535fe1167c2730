/**
 * Resource patterns (DESIGN §2, spec/verification.md 7.4 and 10.3): a pattern ending in `*` is a
 * prefix, any other pattern is exact. Patterns and resources are attacker-controlled strings.
 */

/** Whether `pattern` matches the concrete `resource`. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return pattern.endsWith('*') ? resource.startsWith(pattern.slice(0, -1)) : pattern === resource;
}

/** Whether the parent pattern covers every resource the child pattern can match. */
export function patternCovers(parent: string, child: string): boolean {
  if (!parent.endsWith('*')) return parent === child;
  return child.startsWith(parent.slice(0, -1));
}
