// Minimal ambient type for the untyped `jsonld` package (vc-api/jsonld.ts uses toRDF only).
declare module 'jsonld' {
  const jsonld: {
    toRDF(input: unknown, options: Record<string, unknown>): Promise<string>;
  };
  export default jsonld;
}
