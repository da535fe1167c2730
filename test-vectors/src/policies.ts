/**
 * The Cedar policies of the vectors (spec/policy.md): an amount cap on the root grant, a
 * business-hours window on the first delegation, and a resource prefix on the second. Every one
 * permits the default request at the default execution time; each can be made to deny.
 */

/** Root grant: transfers from ops accounts up to 500.00, reads of ops accounts. */
export const ROOT_POLICY = `// Authority policy: ops transfers capped at 500.00
@id("ops-transfer-cap")
permit (principal, action == Action::"payments:transfer", resource)
when {
  resource.id like "acct:ops/*" &&
  decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00"))
};

@id("ops-read")
permit (principal, action == Action::"payments:read", resource)
when { resource.id like "acct:ops/*" };
`;

/** First delegation: business hours (UTC) only. */
export const HOURS_POLICY = `// Delegated: business hours only
@id("business-hours")
permit (principal, action, resource)
when {
  context.time.toTime() >= duration("8h") &&
  context.time.toTime() < duration("18h")
};
`;

/** Second delegation: payroll accounts, EUR only. */
export const PAYROLL_POLICY = `// Delegated: payroll in EUR
@id("payroll-eur")
permit (principal, action, resource)
when {
  resource.id like "acct:ops/payroll*" &&
  context.parameters.currency == "EUR"
};
`;
