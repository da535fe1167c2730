/**
 * The one place that loads the Cedar engine (`@cedar-policy/cedar-wasm` 4, Node entry point,
 * which reads its .wasm synchronously on import). A browser bundle aliases
 * `@cedar-policy/cedar-wasm/nodejs` to the package's `web`/`esm` build; nothing else imports Cedar.
 */
// First: a V8 flag that must be set before any Cedar caller is optimized (v8-workaround.ts).
import './v8-workaround.js';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

export type {
  AuthorizationAnswer,
  CedarValueJson,
  Context,
  DetailedError,
  EntityJson,
  EntityUidJson,
  PolicyJson,
} from '@cedar-policy/cedar-wasm/nodejs';

export { cedar };

/** `cedar@<version>`: the engine string a permit records in `evaluation.engine` (DESIGN §2.2). */
export const ENGINE = `cedar@${cedar.getCedarVersion()}`;
