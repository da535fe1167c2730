/**
 * Resource patterns (DESIGN §2.1, spec/credentials.md §2.2): a pattern ending in `*` matches
 * every resource that starts with the part before the `*`; any other pattern matches only
 * itself. `*` is valid only as the last character. Both arguments may come from an attacker
 * (a grant or a request in a bundle); malformed patterns never match.
 */

function wellFormed(pattern: string): boolean {
  const star = pattern.indexOf('*');
  return pattern.length > 0 && (star === -1 || star === pattern.length - 1);
}

/** Does `pattern` allow the concrete `resource`? A resource containing `*` never matches. */
export function resourceMatches(pattern: string, resource: string): boolean {
  if (!wellFormed(pattern) || resource.length === 0 || resource.includes('*')) return false;
  return pattern.endsWith('*') ? resource.startsWith(pattern.slice(0, -1)) : pattern === resource;
}

/** Is every resource `childPattern` allows also allowed by `parentPattern`? (attenuation) */
export function patternCovers(parentPattern: string, childPattern: string): boolean {
  if (!wellFormed(parentPattern) || !wellFormed(childPattern)) return false;
  if (!parentPattern.endsWith('*')) return parentPattern === childPattern;
  const prefix = parentPattern.slice(0, -1);
  // An exact child is covered if it has the prefix; a prefix child if its prefix extends ours.
  return (childPattern.endsWith('*') ? childPattern.slice(0, -1) : childPattern).startsWith(prefix);
}

/** Is every pattern in `child` covered by some pattern in `parent`? */
export function patternsCovered(parent: readonly string[], child: readonly string[]): boolean {
  return child.every((c) => parent.some((p) => patternCovers(p, c)));
}

/** Does some pattern in `patterns` allow `resource`? */
export function anyResourceMatches(patterns: readonly string[], resource: string): boolean {
  return patterns.some((p) => resourceMatches(p, resource));
}
