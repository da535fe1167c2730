/**
 * The xprov JSON-LD context, `https://w3id.org/xprov/v1` (DESIGN §2). It is bundled, never
 * fetched: document loaders (in @xprov/crypto) serve this object for this URL.
 *
 * It follows `https://www.w3.org/ns/credentials/v2`, whose terms are `@protected`, so it
 * redefines none of them (`id`, `type`, `digestMultibase`, …) and defines no term that a v2
 * type-scoped context defines (`challenge`, `statusPurpose`, …) at its top level: a protected
 * top-level term of ours would make the v2 `DataIntegrityProof` / `BitstringStatusListEntry`
 * scopes fail. `challenge` therefore lives only in the property-scoped context of
 * `presentation`.
 *
 * Every term of the four credential types and the two presentations is defined, so
 * eddsa-rdfc-2022 canonicalization in JSON-LD safe mode accepts them. Free-form objects
 * (request parameters, limits, policy reasons, enforcement events and violations) are `@json`
 * literals: their keys are not terms and canonicalize as JCS. Ordered lists whose order carries
 * meaning (the authorization chain, the evaluated policies) are `@list`, so an RDF signature
 * covers their order.
 */

export const XPROV_CONTEXT_URL = 'https://w3id.org/xprov/v1';
export const XPROV_VOCAB = 'https://w3id.org/xprov#';
export const CREDENTIALS_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';
/** The `@context` every xprov credential and presentation carries, in this order (DESIGN §2). */
export const XPROV_CONTEXTS = [CREDENTIALS_V2_CONTEXT_URL, XPROV_CONTEXT_URL] as const;

const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const SEC = 'https://w3id.org/security#';

export const xprovContext = {
  '@context': {
    '@version': 1.1,
    '@protected': true,
    xprov: XPROV_VOCAB,

    // Types (DESIGN §2)
    AgentAuthorizationCredential: 'xprov:AgentAuthorizationCredential',
    ExecutionPermitCredential: 'xprov:ExecutionPermitCredential',
    ExecutionOutcomeCredential: 'xprov:ExecutionOutcomeCredential',
    ExecutionDenial: 'xprov:ExecutionDenial',
    ExecutionRequestPresentation: 'xprov:ExecutionRequestPresentation',
    ExecutionReportPresentation: 'xprov:ExecutionReportPresentation',

    // A reference to another credential: {id, digestMultibase} (delegation parent, request lineage)
    parent: { '@id': 'xprov:parent', '@type': '@id' },

    // AgentAuthorizationCredential subject
    grant: {
      '@id': 'xprov:grant',
      '@context': {
        '@protected': true,
        actions: { '@id': 'xprov:actions', '@container': '@set' },
        resources: { '@id': 'xprov:resources', '@container': '@set' },
        maxDelegationDepth: { '@id': 'xprov:maxDelegationDepth', '@type': XSD_INTEGER },
        policy: {
          '@id': 'xprov:policy',
          '@context': {
            '@protected': true,
            language: 'xprov:policyLanguage',
            source: 'xprov:policySource',
          },
        },
      },
    },

    // Execution request: permit and denial subjects, and the request presentation
    request: { '@id': 'xprov:request' },
    action: 'xprov:action',
    resource: 'xprov:resource',
    parameters: { '@id': 'xprov:parameters', '@type': '@json' },
    parametersDigest: { '@id': 'xprov:parametersDigest', '@type': `${SEC}multibase` },

    // ExecutionPermitCredential / ExecutionDenial subject
    authorization: { '@id': 'xprov:authorization', '@container': '@list' },
    evaluation: {
      '@id': 'xprov:evaluation',
      '@context': {
        '@protected': true,
        engine: 'xprov:engine',
        policies: { '@id': 'xprov:policies', '@container': '@list' },
        reasons: { '@id': 'xprov:reasons', '@type': '@json' },
        contextDigest: { '@id': 'xprov:contextDigest', '@type': `${SEC}multibase` },
        evaluatedAt: { '@id': 'xprov:evaluatedAt', '@type': XSD_DATETIME },
      },
    },
    decision: 'xprov:decision',
    presentation: {
      '@id': 'xprov:presentation',
      '@context': {
        '@protected': true,
        challenge: `${SEC}challenge`,
      },
    },
    limits: { '@id': 'xprov:limits', '@type': '@json' },
    failures: {
      '@id': 'xprov:failures',
      '@context': {
        '@protected': true,
        code: 'xprov:failureCode',
        message: 'xprov:failureMessage',
        credentialId: { '@id': 'xprov:failureCredential', '@type': '@id' },
      },
    },

    // ExecutionOutcomeCredential subject and the report presentation
    permit: { '@id': 'xprov:permit', '@type': '@id' },
    agent: { '@id': 'xprov:agent', '@type': '@id' },
    status: 'xprov:executionStatus',
    startedAt: { '@id': 'xprov:startedAt', '@type': XSD_DATETIME },
    completedAt: { '@id': 'xprov:completedAt', '@type': XSD_DATETIME },
    resultDigest: { '@id': 'xprov:resultDigest', '@type': `${SEC}multibase` },
    enforcement: {
      '@id': 'xprov:enforcement',
      '@context': {
        '@protected': true,
        events: { '@id': 'xprov:events', '@type': '@json' },
        violations: { '@id': 'xprov:violations', '@type': '@json' },
      },
    },
    report: { '@id': 'xprov:report', '@type': '@id' },
  },
} as const;
