/**
 * The fixed cast of every vector (spec/vectors.md §2), each with a key derived from its label.
 * did:key identities except `webAuthority`, a did:web DID whose document the bundle may carry.
 */
import { didKeyFromPublicKey, keyPairFromSecretKey, type Ed25519KeyPair } from '@xprov/crypto';
import { seedFor } from './determinism.js';

export interface Actor {
  label: string;
  did: string;
  /** The verification method a proof names. */
  verificationMethod: string;
  keyPair: Ed25519KeyPair;
}

export function keyActor(label: string): Actor {
  const keyPair = keyPairFromSecretKey(seedFor(label));
  const { did, verificationMethod } = didKeyFromPublicKey(keyPair.publicKeyMultibase);
  return { label, did, verificationMethod, keyPair };
}

/** A did:web actor: `did:web:<host>` with one Multikey method `#key-1`. */
export function webActor(label: string, host: string): Actor {
  const keyPair = keyPairFromSecretKey(seedFor(label));
  const did = `did:web:${host}`;
  return { label, did, verificationMethod: `${did}#key-1`, keyPair };
}

/** The DID document of a did:web actor (DID Core §5, Multikey verification method). */
export function didDocumentOf(actor: Actor): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: actor.did,
    verificationMethod: [
      {
        id: actor.verificationMethod,
        type: 'Multikey',
        controller: actor.did,
        publicKeyMultibase: actor.keyPair.publicKeyMultibase,
      },
    ],
    authentication: [actor.verificationMethod],
    assertionMethod: [actor.verificationMethod],
  };
}

export interface Cast {
  /** The trusted authority that issues root grants. */
  authority: Actor;
  /** An authority the trust file does not list. */
  rogueAuthority: Actor;
  /** A trusted authority identified by did:web. */
  webAuthority: Actor;
  /** agents[0] holds the root grant, agents[i] the i-th delegation. */
  agents: Actor[];
  /** The trusted governor: signs permits, outcomes, denials and status lists. */
  governor: Actor;
  /** A governor the trust file does not list. */
  rogueGovernor: Actor;
}

export function makeCast(): Cast {
  return {
    authority: keyActor('authority'),
    rogueAuthority: keyActor('rogue-authority'),
    webAuthority: webActor('web-authority', 'authority.vectors.xprov.example'),
    agents: [0, 1, 2, 3].map((i) => keyActor(`agent-${i}`)),
    governor: keyActor('governor'),
    rogueGovernor: keyActor('rogue-governor'),
  };
}
