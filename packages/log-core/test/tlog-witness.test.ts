import { describe, expect, it } from 'vitest';
import {
  base64Encode,
  cosignCheckpoint,
  decideAddCheckpoint,
  EMPTY_ROOT,
  formatAddCheckpointRequest,
  generateCosignerKey,
  generateNoteKey,
  MemoryTree,
  parseAddCheckpointRequest,
  signCheckpoint,
  verifyCosignatures,
  type WitnessState,
} from '../src/index.js';
import { enc, expectCode } from './helpers.js';

const ORIGIN = 'example.com/log';
const log = generateNoteKey(ORIGIN);
const tree = new MemoryTree();
for (let i = 0; i < 20; i++) tree.append(enc(`e${i}`));
const cp = (size: number, signer = log.signer) => signCheckpoint({ origin: ORIGIN, size, rootHash: tree.root(size) }, [signer]);

/** A witness as the service would run it: state map + the pure decision. */
function witness() {
  const state = new Map<string, WitnessState>();
  const w = generateCosignerKey('witness.example/w1');
  const add = (body: string) => {
    const d = decideAddCheckpoint(body, (o) => (o === ORIGIN ? [log.verifier] : undefined), (o) => state.get(o));
    if (d.status === 200) {
      state.set(d.origin, d.newState);
      return { ...d, line: cosignCheckpoint(d.checkpointText, 1700000000, w) };
    }
    return d;
  };
  return { add, state, w };
}

describe('tlog-witness add-checkpoint', () => {
  it('formats and parses the request body', () => {
    const body = formatAddCheckpointRequest({ oldSize: 3, proof: tree.consistencyProof(3, 7), checkpoint: cp(7) });
    expect(body.startsWith(`old 3\n${base64Encode(tree.consistencyProof(3, 7)[0]!)}\n`)).toBe(true);
    const r = parseAddCheckpointRequest(body);
    expect(r.oldSize).toBe(3);
    expect(r.proof).toHaveLength(tree.consistencyProof(3, 7).length);
    expect(r.checkpoint).toBe(cp(7));
    for (const bad of [
      `old 03\n\n${cp(7)}`,
      `old -1\n\n${cp(7)}`,
      `new 3\n\n${cp(7)}`,
      `old 3\nnotbase64\n\n${cp(7)}`,
      `old 3\nAAAA\n\n${cp(7)}`,
      `old 3\n${cp(7)}`,
      `old 0\n${'47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'.repeat(64)}\n${cp(7)}`,
    ]) {
      expectCode(() => parseAddCheckpointRequest(bad), 'XP_WITNESS_BAD_REQUEST');
    }
    expectCode(() => parseAddCheckpointRequest(new Uint8Array([0xff])), 'XP_WITNESS_BAD_REQUEST');
  });

  it('cosigns a consistent sequence and the cosignature verifies', () => {
    const w = witness();
    const first = w.add(formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: cp(5) }));
    expect(first.status).toBe(200);
    const second = w.add(formatAddCheckpointRequest({ oldSize: 5, proof: tree.consistencyProof(5, 12), checkpoint: cp(12) }));
    expect(second.status).toBe(200);
    if (second.status !== 200) return;
    verifyCosignatures(cp(12) + second.line, [w.w.verifier], 1);
    expect(w.state.get(ORIGIN)!.size).toBe(12);
    // Same size again with the same root is fine (idempotent resubmission).
    expect(w.add(formatAddCheckpointRequest({ oldSize: 12, proof: [], checkpoint: cp(12) })).status).toBe(200);
  });

  it('answers each failure with the status and code the spec gives, changing nothing', () => {
    const w = witness();
    w.add(formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: cp(5) }));
    const expectDecision = (body: string, status: number, code: string) => {
      const d = w.add(body);
      expect(d.status).toBe(status);
      if (d.status !== 200) expect(d.code).toBe(code);
      expect(w.state.get(ORIGIN)!.size).toBe(5);
      return d;
    };
    expectDecision('garbage', 400, 'XP_WITNESS_BAD_REQUEST');
    const other = generateNoteKey('example.com/other');
    expectDecision(
      formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: signCheckpoint({ origin: 'example.com/other', size: 1, rootHash: tree.root(1) }, [other.signer]) }),
      404,
      'XP_WITNESS_UNKNOWN_LOG',
    );
    const impostor = generateNoteKey(ORIGIN);
    expectDecision(formatAddCheckpointRequest({ oldSize: 5, proof: tree.consistencyProof(5, 9), checkpoint: cp(9, impostor.signer) }), 403, 'XP_LOG_CHECKPOINT_SIGNATURE');
    expectDecision(formatAddCheckpointRequest({ oldSize: 9, proof: [], checkpoint: cp(7) }), 400, 'XP_WITNESS_BAD_REQUEST');
    const conflict = expectDecision(formatAddCheckpointRequest({ oldSize: 3, proof: tree.consistencyProof(3, 9), checkpoint: cp(9) }), 409, 'XP_WITNESS_CONFLICT');
    if (conflict.status === 409) {
      expect(conflict.body).toBe('5\n');
      expect(conflict.contentType).toBe('text/x.tlog.size');
    }
    const bad = tree.consistencyProof(5, 9).map((h) => h.slice());
    bad[0]![0]! ^= 1;
    expectDecision(formatAddCheckpointRequest({ oldSize: 5, proof: bad, checkpoint: cp(9) }), 422, 'XP_LOG_INCONSISTENT');
    // A forked tree at the same size.
    const fork = new MemoryTree();
    for (let i = 0; i < 5; i++) fork.append(enc(`fork${i}`));
    expectDecision(
      formatAddCheckpointRequest({ oldSize: 5, proof: [], checkpoint: signCheckpoint({ origin: ORIGIN, size: 5, rootHash: fork.root() }, [log.signer]) }),
      409,
      'XP_LOG_INCONSISTENT',
    );
  });

  it('checks the empty tree and empty proofs from size 0', () => {
    const w = witness();
    const emptyBad = signCheckpoint({ origin: ORIGIN, size: 0, rootHash: new Uint8Array(32) }, [log.signer]);
    expect(w.add(formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: emptyBad })).status).toBe(422);
    expect(w.add(formatAddCheckpointRequest({ oldSize: 0, proof: [tree.root(2)], checkpoint: cp(4) })).status).toBe(422);
    const emptyOk = signCheckpoint({ origin: ORIGIN, size: 0, rootHash: EMPTY_ROOT }, [log.signer]);
    expect(w.add(formatAddCheckpointRequest({ oldSize: 0, proof: [], checkpoint: emptyOk })).status).toBe(200);
  });
});
