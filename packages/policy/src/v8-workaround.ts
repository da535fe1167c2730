/**
 * A workaround for a V8 11.3 fault (Node 20): TurboFan inlines the JS→Wasm call of a Cedar export
 * into its optimized JS caller; when that caller is lazily deoptimized while the Wasm call runs
 * (Cedar's bindings call back into JS, which can invalidate the caller's code), rebuilding the
 * frame hits `UNREACHABLE()` in `Deoptimizer::DoComputeBuiltinContinuation` and the process dies
 * with "Fatal error … unreachable code". Reproduced by bench/verify/soak.mjs (about one run in two,
 * after 5–40k verifications; `--trace-deopt` shows the caller, `allowAll`, deoptimized last);
 * gone with V8's `--no-turbo-inline-js-wasm-calls`, which this sets before any Cedar caller is
 * optimized. It only stops that inlining (the call goes through the ordinary wrapper); nothing
 * an evaluation computes changes. Applied on V8 11 and older (Node 20, the runtime xprov
 * supports); outside Node, and on later V8 (not verified there), nothing is changed.
 */
interface NodeV8 {
  setFlagsFromString(flags: string): void;
}

export function avoidJsToWasmInlining(): boolean {
  const proc = (globalThis as { process?: { versions?: { v8?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  const major = Number(proc?.versions?.v8?.split('.')[0]);
  if (!Number.isInteger(major) || major > 11) return false;
  let v8: NodeV8 | undefined;
  try {
    v8 = proc?.getBuiltinModule?.('node:v8') as NodeV8 | undefined;
  } catch {
    return false;
  }
  if (typeof v8?.setFlagsFromString !== 'function') return false;
  v8.setFlagsFromString('--no-turbo-inline-js-wasm-calls');
  return true;
}

/** Whether the flag was set in this process (for tests and diagnostics). */
export const JS_TO_WASM_INLINING_DISABLED = avoidJsToWasmInlining();
