/**
 * Runtime enforcement under a permit (DESIGN: "enforcement during runtime"). The bounds come
 * from the permit the governor signed: its `validUntil`, and `limits.maxInvocations`,
 * `limits.budget`, `limits.timeoutSeconds`. A violation is recorded, aborts the execution's
 * AbortSignal, and the outcome is reported as `violated`.
 *
 * Events and violations are what the report carries (spec/governor.md §Limits):
 *   {type: "invocation", step, count}  {type: "spend", amount, total}
 *   violations: {type: "maxInvocations" | "budget" | "deadline", limit, observed, step?}
 */
import { XprovError } from '@xprov/format';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export interface PermitBounds {
  validUntil: string;
  limits: { maxInvocations?: number; budget?: number; timeoutSeconds?: number };
}

export interface GovernedContext {
  /** Aborted when a bound is violated (or the deadline passes). */
  readonly signal: AbortSignal;
  readonly deadline: Date;
  /** Counts one invocation of `step` against `maxInvocations`; throws XP_LIMIT_EXCEEDED beyond it. */
  check(step?: string): void;
  /** Adds `amount` to the spend against `budget`; throws XP_LIMIT_EXCEEDED beyond it. */
  spend(amount: number): void;
  /** Records a free-form event in the report. */
  record(event: Record<string, JsonValue>): void;
}

export class Enforcer implements GovernedContext {
  readonly events: Record<string, JsonValue>[] = [];
  readonly violations: Record<string, JsonValue>[] = [];
  readonly deadline: Date;
  readonly #controller = new AbortController();
  readonly #limits: PermitBounds['limits'];
  #invocations = 0;
  #spent = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(bounds: PermitBounds, startedAt: number) {
    this.#limits = bounds.limits;
    const until = Date.parse(bounds.validUntil);
    const timeout = typeof bounds.limits.timeoutSeconds === 'number' ? startedAt + bounds.limits.timeoutSeconds * 1000 : Number.POSITIVE_INFINITY;
    this.deadline = new Date(Math.min(until, timeout));
    const ms = Math.max(0, this.deadline.getTime() - Date.now());
    this.#timer = setTimeout(() => this.violate({ type: 'deadline', limit: this.deadline.toISOString(), observed: new Date().toISOString() }), ms);
    this.#timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  violate(v: Record<string, JsonValue>): XprovError {
    this.violations.push(v);
    const error = new XprovError('XP_LIMIT_EXCEEDED', `runtime bound violated: ${String(v.type)}`, { details: v });
    if (!this.#controller.signal.aborted) this.#controller.abort(error);
    return error;
  }

  check(step = 'step'): void {
    if (this.#controller.signal.aborted) throw this.#controller.signal.reason;
    this.#invocations++;
    this.events.push({ type: 'invocation', step, count: this.#invocations });
    const max = this.#limits.maxInvocations;
    if (typeof max === 'number' && this.#invocations > max) {
      throw this.violate({ type: 'maxInvocations', limit: max, observed: this.#invocations, step });
    }
  }

  spend(amount: number): void {
    if (this.#controller.signal.aborted) throw this.#controller.signal.reason;
    if (!Number.isFinite(amount) || amount < 0) throw new XprovError('XP_USAGE', 'spend amount must be a non-negative number');
    this.#spent += amount;
    this.events.push({ type: 'spend', amount, total: this.#spent });
    const budget = this.#limits.budget;
    if (typeof budget === 'number' && this.#spent > budget) {
      throw this.violate({ type: 'budget', limit: budget, observed: this.#spent });
    }
  }

  record(event: Record<string, JsonValue>): void {
    this.events.push(event);
  }

  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}
