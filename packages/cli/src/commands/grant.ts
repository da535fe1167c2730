/**
 * `xprov grant` (spec/cli.md §4.3): offline issuance of a signed `AgentAuthorizationCredential`
 * (DESIGN §2.1). Without --parent it is a root grant issued by the key's DID. With --parent it
 * is a delegation: the key must be the parent's subject, and the link must attenuate the parent
 * (actions ⊆, resources covered, validity inside, depth below), else it is refused with its
 * code (`XP_CHAIN_BROKEN`, `XP_CHAIN_ESCALATION`, `XP_CHAIN_DEPTH`) and exit 1. The parent file
 * is untrusted input: it must be a well-formed grant, and a did:key-issued parent must carry a
 * valid proof.
 */
import type { Command } from 'commander';
import { resolveDidKeyVerificationMethod, signCredential, verifyProof } from '@xprov/crypto';
import {
  type AgentAuthorizationCredential,
  buildDelegation,
  buildGrant,
  parseGrant,
  type Policy,
  XprovError,
} from '@xprov/format';
import { parsePolicySet, policyDigest } from '@xprov/policy';
import { printJson, readJsonFile, readText } from '../io.js';
import { loadKey } from '../keyfile.js';
import {
  actionsOption,
  didOption,
  intOption,
  isoOption,
  nowIso,
  resourcesOption,
  suiteOption,
} from '../options.js';

interface GrantOptions {
  key: string;
  agent: string;
  action?: string[];
  resource?: string[];
  policy?: string;
  validFrom?: string;
  validUntil?: string;
  maxDepth?: string;
  parent?: string;
  suite?: string;
  created?: string;
}

/** `{language: "cedar", digestMultibase, source}` from a .cedar file; `XP_POLICY_SYNTAX` if it does not parse. */
export function policyFromFile(path: string): Policy {
  const source = readText(path, 'policy file');
  parsePolicySet(source);
  return { language: 'cedar', digestMultibase: policyDigest(source), source };
}

async function loadParent(path: string): Promise<AgentAuthorizationCredential> {
  const parent = parseGrant(readJsonFile(path, 'parent grant'));
  if (parent.issuer.startsWith('did:key:')) {
    const r = await verifyProof(parent, {
      resolveVerificationMethod: resolveDidKeyVerificationMethod,
      expectedProofPurpose: 'assertionMethod',
    });
    if (!r.verified) throw new XprovError(r.code, `parent grant ${path}: ${r.message}`);
  }
  return parent;
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

export function register(program: Command): void {
  program
    .command('grant')
    .description('issue a signed AgentAuthorizationCredential (a delegation with --parent)')
    .requiredOption('--key <file>', "issuer's key file (for a delegation: the parent grant's subject)")
    .requiredOption('--agent <did>', "the agent's DID (the subject)")
    .option('--action <actions...>', 'granted actions (repeatable)')
    .option('--resource <resources...>', 'granted resources; a trailing * is a prefix (repeatable)')
    .option('--policy <file>', 'Cedar policy set (.cedar) embedded with its digest')
    .option('--valid-from <iso>', 'default: now (a delegation: no earlier than the parent)')
    .option('--valid-until <iso>', "required for a root grant; a delegation defaults to the parent's")
    .option('--max-depth <n>', "maxDelegationDepth (root default 0; a delegation: parent's − 1)")
    .option('--parent <file>', 'signed parent grant: makes this a delegation')
    .option('--suite <suite>', 'eddsa-jcs-2022 (default) or eddsa-rdfc-2022')
    .option('--created <iso>', 'proof creation time (default: now)')
    .action(async (opts: GrantOptions) => {
      // Options first: a usage error reads, signs and writes nothing.
      const agent = didOption('--agent', opts.agent);
      const actions = actionsOption(opts.action);
      const resources = resourcesOption(opts.resource);
      const suite = suiteOption(opts.suite);
      const validFrom = opts.validFrom === undefined ? undefined : isoOption('--valid-from', opts.validFrom);
      const validUntil = opts.validUntil === undefined ? undefined : isoOption('--valid-until', opts.validUntil);
      const maxDepth = opts.maxDepth === undefined ? undefined : intOption('--max-depth', opts.maxDepth, 0, 16);
      const created = opts.created === undefined ? nowIso() : isoOption('--created', opts.created);
      if (opts.parent === undefined && validUntil === undefined) {
        throw new XprovError('XP_USAGE', 'a root grant needs --valid-until');
      }
      if (validFrom !== undefined && validUntil !== undefined && Date.parse(validUntil) <= Date.parse(validFrom)) {
        throw new XprovError('XP_USAGE', '--valid-until must be after --valid-from');
      }

      const key = loadKey(opts.key);
      const policy = opts.policy === undefined ? undefined : policyFromFile(opts.policy);
      let unsigned: ReturnType<typeof buildGrant>;
      if (opts.parent === undefined) {
        unsigned = buildGrant({
          issuer: key.did,
          agent,
          actions,
          resources,
          policy,
          validFrom: validFrom ?? nowIso(),
          validUntil: validUntil as string,
          maxDelegationDepth: maxDepth ?? 0,
        });
      } else {
        const parent = await loadParent(opts.parent);
        if (parent.credentialSubject.id !== key.did) {
          throw new XprovError(
            'XP_CHAIN_BROKEN',
            `the key is ${key.did}, but only the parent grant's subject ${parent.credentialSubject.id} may delegate it`,
          );
        }
        // DESIGN §2.1: depth 0 may not delegate (checked here: parent − 1 would be a malformed −1).
        if (parent.credentialSubject.grant.maxDelegationDepth < 1) {
          throw new XprovError('XP_CHAIN_DEPTH', 'the parent grant has maxDelegationDepth 0 and may not be delegated');
        }
        unsigned = buildDelegation({
          parent,
          agent,
          actions,
          resources,
          policy,
          validFrom: validFrom ?? later(nowIso(), parent.validFrom),
          validUntil,
          maxDelegationDepth: maxDepth,
        });
      }
      printJson(await signCredential(unsigned, { keyPair: key.pair, suite, created }));
    });
}
