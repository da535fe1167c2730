// Minimal ambient types for the untyped JSON-LD packages @xprov/crypto uses.
declare module 'jsonld' {
  const jsonld: {
    canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
declare module '@digitalbazaar/data-integrity-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module '@digitalbazaar/multikey-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module 'did-context' {
  const mod: { contexts: Map<string, object> };
  export default mod;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, object>;
}
