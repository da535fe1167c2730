import { bundleFromJSON } from '@sigstore/bundle';
import { PublicKeyDetails } from '@sigstore/protobuf-specs';
import { DSSEBundleBuilder } from '@sigstore/sign';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';
import { generateKeyPair } from '@xprov/crypto';
import { jcs } from '@xprov/format';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EXECUTION_PREDICATE_TYPE,
  IN_TOTO_PAYLOAD_TYPE,
  INTEROP_CODES,
  type SigstoreExport,
  ed25519Signer,
  ed25519Spki,
  exportSigstore,
  keyHint,
  verifySigstoreExport,
} from '../src/index.js';
import { type BundleVector, clone, governor, loadVector } from './fixtures.js';

const EMPTY_ROOT = { mediaType: 'x', tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] };

/** @sigstore/verify alone, given only the governor's public key. */
function sigstoreVerifyAlone(json: unknown, publicKey: Uint8Array, hint: string): void {
  const material = toTrustMaterial(EMPTY_ROOT as never, {
    [hint]: { rawBytes: Buffer.from(ed25519Spki(publicKey)), keyDetails: PublicKeyDetails.PKIX_ED25519 },
  });
  new Verifier(material, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundleFromJSON(json)));
}

async function signStatement(statement: unknown, key = governor) {
  const builder = new DSSEBundleBuilder({ signer: ed25519Signer(key), witnesses: [] });
  const { bundleToJSON } = await import('@sigstore/bundle');
  return bundleToJSON(await builder.create({ data: Buffer.from(jcs(statement)), type: IN_TOTO_PAYLOAD_TYPE }));
}

const codesOf = (r: { checks: Array<{ ok: boolean; code: string }> }) => [...new Set(r.checks.filter((c) => !c.ok).map((c) => c.code))];

describe('Sigstore export', () => {
  let v: BundleVector;
  let out: SigstoreExport;
  beforeAll(async () => {
    v = loadVector('valid-delegation-1');
    out = await exportSigstore(v.bundle, { keyPair: governor, trust: v.trust });
  });

  it('is a v0.3 DSSE bundle with an in-toto Statement whose subjects are the result and every credential', () => {
    expect(out.bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json');
    expect(out.bundle.dsseEnvelope?.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE);
    expect(out.bundle.verificationMaterial.publicKey?.hint).toBe(keyHint(governor));
    expect(out.statement.predicateType).toBe(EXECUTION_PREDICATE_TYPE);
    const roles = out.statement.subject.map((s) => s.annotations.role);
    expect(roles).toEqual(['result', 'grant', 'grant', 'permit', 'outcome']);
    expect(out.statement.predicate.chain).toHaveLength(2);
    expect(out.statement.predicate.log).toHaveLength(v.bundle.receipts.length);
    expect(out.statement.predicate.verification?.verdict).toBe('valid');
  });

  it('verifies with @sigstore/verify alone given only the public key', () => {
    expect(() => sigstoreVerifyAlone(out.bundle, governor.publicKey, keyHint(governor))).not.toThrow();
  });

  it('fails @sigstore/verify when any byte of the payload or signature changes', () => {
    const env = out.bundle.dsseEnvelope as { payload: string; signatures: Array<{ sig: string }> };
    for (const field of ['payload', 'sig'] as const) {
      const orig = Buffer.from(field === 'payload' ? env.payload : (env.signatures[0] as { sig: string }).sig, 'base64');
      const step = 1;
      for (let i = 0; i < orig.length; i += step) {
        const b = Buffer.from(orig);
        b[i] = (b[i] as number) ^ 0x01;
        const t = clone(out.bundle) as typeof out.bundle & { dsseEnvelope: typeof env };
        if (field === 'payload') t.dsseEnvelope.payload = b.toString('base64');
        else (t.dsseEnvelope.signatures[0] as { sig: string }).sig = b.toString('base64');
        expect(() => sigstoreVerifyAlone(t, governor.publicKey, keyHint(governor)), `${field}[${i}]`).toThrow();
      }
    }
  });

  it('verifies with verifySigstoreExport, alone and against its ProvenanceBundle', async () => {
    const alone = await verifySigstoreExport(out.bundle, v.trust);
    expect(alone.verdict).toBe('valid');
    const full = await verifySigstoreExport(out.bundle, v.trust, v.bundle);
    expect(full.verdict).toBe('valid');
    expect(full.checks.map((c) => c.id)).toContain('A7');
  });

  it('XP_ATTESTATION_SIGNATURE for a changed payload', async () => {
    const t = clone(out.bundle);
    const env = t.dsseEnvelope as { payload: string };
    const b = Buffer.from(env.payload, 'base64');
    b[40] = (b[40] as number) ^ 1;
    env.payload = b.toString('base64');
    expect(codesOf(await verifySigstoreExport(t, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_SIGNATURE]);
  });

  it('XP_ATTESTATION_KEY_UNTRUSTED for a key the trust file does not name', async () => {
    const rogue = generateKeyPair();
    const signed = await signStatement(out.statement, rogue);
    expect(codesOf(await verifySigstoreExport(signed, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_KEY_UNTRUSTED]);
    // …unless the caller names it explicitly
    const extra = { [keyHint(rogue)]: rogue.publicKeyMultibase };
    expect((await verifySigstoreExport(signed, v.trust, undefined, { keys: extra })).verdict).toBe('valid');
  });

  it('XP_ATTESTATION_SIGNATURE when a trusted hint is used by another key', async () => {
    const rogue = generateKeyPair();
    const signer = ed25519Signer(rogue);
    const lying = { sign: async (d: Buffer) => ({ ...(await signer.sign(d)), key: { $case: 'publicKey' as const, publicKey: '', hint: keyHint(governor) } }) };
    const { bundleToJSON } = await import('@sigstore/bundle');
    const b = bundleToJSON(await new DSSEBundleBuilder({ signer: lying, witnesses: [] }).create({ data: Buffer.from(jcs(out.statement)), type: IN_TOTO_PAYLOAD_TYPE }));
    expect(codesOf(await verifySigstoreExport(b, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_SIGNATURE]);
  });

  it('XP_ATTESTATION_MISMATCH for a validly signed Statement whose predicate differs from the bundle', async () => {
    const s = clone(out.statement);
    s.predicate.outcome.status = 'failed';
    const signed = await signStatement(s);
    expect((await verifySigstoreExport(signed, v.trust)).verdict).toBe('valid');
    expect(codesOf(await verifySigstoreExport(signed, v.trust, v.bundle))).toEqual([INTEROP_CODES.ATTESTATION_MISMATCH]);
  });

  it('XP_ATTESTATION_MISMATCH for a subject digest that differs', async () => {
    const s = clone(out.statement);
    (s.subject[1] as { digest: { sha256: string } }).digest.sha256 = '00'.repeat(32);
    const signed = await signStatement(s);
    expect(codesOf(await verifySigstoreExport(signed, v.trust, v.bundle))).toEqual([INTEROP_CODES.ATTESTATION_MISMATCH]);
  });

  it('XP_ATTESTATION_MISMATCH against another execution’s bundle', async () => {
    const other = loadVector('valid-root-grant-only');
    const r = await verifySigstoreExport(out.bundle, other.trust, other.bundle);
    expect(codesOf(r)).toEqual([INTEROP_CODES.ATTESTATION_MISMATCH]);
  });

  it('reports the ProvenanceBundle’s own codes when it does not verify', async () => {
    const bad = loadVector('outcome-violation');
    const r = await verifySigstoreExport(out.bundle, v.trust, bad.bundle);
    expect(r.verdict).toBe('invalid');
    expect(codesOf(r)).toContain('XP_OUTCOME_VIOLATION');
  });

  it('XP_ATTESTATION_MALFORMED for a non-bundle, a non-DSSE content or a foreign payload type', async () => {
    expect(codesOf(await verifySigstoreExport({ hello: 1 }, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_MALFORMED]);
    expect(codesOf(await verifySigstoreExport(null, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_MALFORMED]);
    const t = clone(out.bundle) as Record<string, unknown>;
    t.mediaType = 'application/vnd.dev.sigstore.bundle+json;version=0.1';
    expect(codesOf(await verifySigstoreExport(t, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_MALFORMED]);
    const { bundleToJSON } = await import('@sigstore/bundle');
    const other = bundleToJSON(
      await new DSSEBundleBuilder({ signer: ed25519Signer(governor), witnesses: [] }).create({ data: Buffer.from('{}'), type: 'text/plain' }),
    );
    expect(codesOf(await verifySigstoreExport(other, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_MALFORMED]);
    const notStatement = await signStatement({ _type: 'https://in-toto.io/Statement/v1', subject: [], predicateType: 'x', predicate: {} });
    expect(codesOf(await verifySigstoreExport(notStatement, v.trust))).toEqual([INTEROP_CODES.ATTESTATION_MALFORMED]);
  });

  it('XP_TRUST_INVALID for a trust file that is not one', async () => {
    expect(codesOf(await verifySigstoreExport(out.bundle, { governors: 'x' }))).toEqual([INTEROP_CODES.TRUST_INVALID]);
  });

  it('is deterministic (same bundle and key, same bytes)', async () => {
    const again = await exportSigstore(v.bundle, { keyPair: governor, trust: v.trust });
    expect(jcs(again.bundle)).toBe(jcs(out.bundle));
  });

  it('refuses an invalid bundle with XP_EXPORT_REFUSED and its codes', async () => {
    const bad = loadVector('permit-untrusted-governor');
    const e = await exportSigstore(bad.bundle, { keyPair: governor, trust: bad.trust }).catch((x) => x);
    expect(e.code).toBe(INTEROP_CODES.EXPORT_REFUSED);
    expect(e.details.codes).toEqual(bad.expected.codes);
  });

  it('refuses a denial bundle with XP_EXPORT_UNSUPPORTED and garbage with XP_MALFORMED', async () => {
    const denial = loadVector('valid-denial');
    await expect(exportSigstore(denial.bundle, { keyPair: governor, trust: denial.trust })).rejects.toMatchObject({
      code: INTEROP_CODES.EXPORT_UNSUPPORTED,
    });
    await expect(exportSigstore({ nope: true }, { keyPair: governor })).rejects.toMatchObject({ code: 'XP_MALFORMED' });
  });
});
