declare module 'jsonld' {
  const jsonld: {
    canonize(input: object, options: Record<string, unknown>): Promise<unknown>;
    expand(input: object, options: Record<string, unknown>): Promise<unknown>;
  };
  export default jsonld;
}
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, object>;
}
