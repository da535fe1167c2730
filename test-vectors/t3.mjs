import { verifyBundle } from '@xprov/verifier';
import { readFileSync } from 'node:fs';
const v = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const r = await verifyBundle(v.bundle, v.trust);
console.log(r.verdict, JSON.stringify(r.checks.filter(c => !c.ok), null, 1));
