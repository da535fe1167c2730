/**
 * The VC-API operations (W3C CCG VC-API: issue credential, verify credential, verify
 * presentation) over the governor's key material, store and status lists. Credentials issued
 * here are signed by a dedicated VC-API issuer key — never by the governor's key — so nothing
 * issued through this API can pass for a grant, permit, outcome or denial (whose trust roots
 * are the governor and the authorities); xprov's own types are refused as well.
 * Requests are attacker-controlled; the clock comes from the governor.
 */
import { type Cryptosuite, DATA_INTEGRITY_V2_URL, didKeyFromPublicKey, type Ed25519KeyPair, signCredential } from '@xprov/crypto';
import { XPROV_CONTEXT_URL, XprovError } from '@xprov/format';
import type { Governor } from '../governor.js';
import { storeResolver } from '../resolver.js';
import { VCAPI_CODES } from './codes.js';
import { assertJsonLd } from './jsonld.js';
import { type ProofResult, verifyProofs } from './proofs.js';
import { checkCredential, checkPresentation, isObject, issuerId, VC_V1, validityOf } from './vcdm.js';

type Json = Record<string, unknown>;

/** The status list VC-API credentials draw their `revocation` entries from. */
export const VCAPI_STATUS_LIST_ID = 'vcapi-revocation-1';

const RESERVED_TYPES = new Set([
  'AgentAuthorizationCredential',
  'ExecutionPermitCredential',
  'ExecutionOutcomeCredential',
  'ExecutionDenial',
  'BitstringStatusListCredential',
]);

export interface IssueOptions {
  cryptosuite?: Cryptosuite | undefined;
  credentialStatus?: { type: 'BitstringStatusListEntry'; statusPurpose?: 'revocation' | undefined } | undefined;
}

export interface VerifyOptions {
  checks?: string[] | undefined;
  challenge?: string | undefined;
  domain?: string | undefined;
}

export interface VerifyResult {
  verified: true;
  checks: string[];
  warnings: { code: string; message: string }[];
  errors: never[];
}

export class VcApi {
  readonly issuerDid: string;
  readonly #key: Ed25519KeyPair;
  readonly #vm: string;
  readonly #gov: Governor;
  readonly #resolver;
  readonly #defaultSuite: Cryptosuite;

  constructor(gov: Governor, key: Ed25519KeyPair, defaultSuite: Cryptosuite = 'eddsa-rdfc-2022') {
    const dk = didKeyFromPublicKey(key.publicKeyMultibase);
    this.issuerDid = dk.did;
    this.#vm = dk.verificationMethod;
    this.#key = key;
    this.#gov = gov;
    this.#resolver = storeResolver(gov.store);
    this.#defaultSuite = defaultSuite;
  }

  /** VC-API "Issue Credential": validate, name the issuer, add a status entry if asked, sign. */
  async issue(credential: unknown, options: IssueOptions = {}): Promise<Json> {
    if (!isObject(credential)) throw new XprovError('XP_MALFORMED', 'credential is a JSON object');
    if (credential.proof !== undefined) throw new XprovError('XP_MALFORMED', 'the credential to issue already has a proof');
    const unsigned: Json = structuredClone(credential);
    // The issuer is this service's VC-API key: fill it in, refuse any other.
    if (unsigned.issuer === undefined) unsigned.issuer = this.issuerDid;
    else if (isObject(unsigned.issuer) && unsigned.issuer.id === undefined) unsigned.issuer = { ...unsigned.issuer, id: this.issuerDid };
    checkCredential(unsigned);
    if (issuerId(unsigned) !== this.issuerDid) {
      throw new XprovError(VCAPI_CODES.ISSUER_MISMATCH, `this endpoint issues as ${this.issuerDid} only`);
    }
    const types = Array.isArray(unsigned.type) ? unsigned.type : [unsigned.type];
    const ctx = Array.isArray(unsigned['@context']) ? unsigned['@context'] : [unsigned['@context']];
    if (types.some((t) => RESERVED_TYPES.has(t as string)) || ctx.includes(XPROV_CONTEXT_URL)) {
      throw new XprovError(VCAPI_CODES.RESERVED_TYPE, 'xprov credential types are issued by the governor routes only');
    }
    // Data Integrity §2.1 / vc-di-eddsa §2.2: a VC 1.1 context does not define the proof terms,
    // so the data-integrity context is appended (as other issuers do for 1.1 credentials).
    if (ctx[0] === VC_V1 && !ctx.includes(DATA_INTEGRITY_V2_URL)) unsigned['@context'] = [...ctx, DATA_INTEGRITY_V2_URL];
    await assertJsonLd(unsigned);
    if (options.credentialStatus !== undefined) {
      if (unsigned.credentialStatus !== undefined) throw new XprovError('XP_MALFORMED', 'the credential already has a credentialStatus');
      // Allocated only after every check passed: a refused request allocates nothing.
      const { url, index } = await this.#gov.allocateStatusEntry(VCAPI_STATUS_LIST_ID);
      unsigned.credentialStatus = {
        id: `${url}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: url,
      };
    }
    return signCredential(unsigned, {
      keyPair: this.#key,
      verificationMethod: this.#vm,
      suite: options.cryptosuite ?? this.#defaultSuite,
      created: this.#gov.now(),
    });
  }

  /** VC-API "Verify Credential": data model, JSON-LD, proofs, validity period, status. */
  async verifyCredential(vc: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
    const warnings: VerifyResult['warnings'] = [];
    await this.#checkCredential(vc, warnings, options.checks ?? []);
    return { verified: true, checks: ['proof', 'validity', 'credentialStatus'], warnings, errors: [] };
  }

  /** VC-API "Verify Presentation": the presentation's authentication proof, then each credential. */
  async verifyPresentation(vp: unknown, options: VerifyOptions = {}): Promise<VerifyResult> {
    checkPresentation(vp);
    await assertJsonLd(vp);
    const holder = typeof vp.holder === 'string' ? vp.holder : isObject(vp.holder) ? (vp.holder.id as string) : undefined;
    // Without a holder the presentation is bound to whoever controls the signing key.
    const vm = isObject(vp.proof) && typeof vp.proof.verificationMethod === 'string' ? vp.proof.verificationMethod : undefined;
    const controller = holder ?? vm?.split('#')[0];
    await verifyProofs(
      vp,
      { resolver: this.#resolver, purpose: 'authentication', now: this.#gov.now(), challenge: options.challenge, domain: options.domain, expectedController: controller },
      holder,
    );
    const warnings: VerifyResult['warnings'] = [];
    const vcs = vp.verifiableCredential === undefined ? [] : Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential];
    for (const vc of vcs) await this.#checkCredential(vc, warnings, options.checks ?? []);
    return { verified: true, checks: ['proof', 'validity', 'credentialStatus'], warnings, errors: [] };
  }

  async #checkCredential(vc: unknown, warnings: VerifyResult['warnings'], checks: string[]): Promise<ProofResult[]> {
    if (isObject(vc) && (vc.type === 'EnvelopedVerifiableCredential' || (Array.isArray(vc.type) && vc.type.includes('EnvelopedVerifiableCredential')))) {
      throw new XprovError(VCAPI_CODES.UNSUPPORTED, 'enveloped (JOSE/COSE) credentials are not supported');
    }
    checkCredential(vc);
    await assertJsonLd(vc);
    const proofs = await verifyProofs(vc, { resolver: this.#resolver, purpose: 'assertionMethod', now: this.#gov.now() }, issuerId(vc));
    // VC 2.0 §4.9: the validity period against the current time.
    const now = this.#gov.now().getTime();
    const { from, until } = validityOf(vc);
    if (from !== undefined && Date.parse(from) > now) throw new XprovError('XP_NOT_YET_VALID', 'the credential is not yet valid');
    if (until !== undefined && Date.parse(until) < now) throw new XprovError('XP_EXPIRED', 'the credential has expired');
    await this.#checkStatus(vc, warnings, checks.includes('credentialStatus'));
    return proofs;
  }

  /** Bitstring Status List §3.2 for lists this governor holds; others cannot be fetched (fail closed when asked). */
  async #checkStatus(vc: Json, warnings: VerifyResult['warnings'], required: boolean): Promise<void> {
    if (vc.credentialStatus === undefined) return;
    for (const s of Array.isArray(vc.credentialStatus) ? vc.credentialStatus : [vc.credentialStatus]) {
      const entry = s as Json;
      const bit =
        entry.type === 'BitstringStatusListEntry' && typeof entry.statusListCredential === 'string'
          ? await this.#gov.statusBit(entry.statusListCredential, Number(entry.statusListIndex))
          : undefined;
      if (bit === undefined) {
        if (required) throw new XprovError('XP_STATUS_UNKNOWN', 'the credential’s status list is not held here and is never fetched');
        warnings.push({ code: 'XP_STATUS_UNKNOWN', message: 'status not checked: the list is not held here' });
      } else if (bit) {
        throw new XprovError('XP_REVOKED', `the credential is ${String(entry.statusPurpose)}d`);
      }
    }
  }
}
