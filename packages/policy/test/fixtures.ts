/** The demo policy (README): `payments:transfer` on `acct:ops/*`, at most 500.00 USD. */
export const DEMO_POLICY = `// Transfers from ops accounts, capped at 500 USD.
@id("transfer-cap")
permit (
  principal,
  action == Action::"payments:transfer",
  resource
)
when {
  resource.id like "acct:ops/*" &&
  context.parameters.currency == "USD" &&
  decimal(context.parameters.amount).lessThanOrEqual(decimal("500.00"))
};
`;

export const AGENT = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
export const NOW = '2025-01-15T10:00:00Z';

export function transfer(amount: unknown, resource = 'acct:ops/payroll', extra: Record<string, unknown> = {}) {
  return {
    principal: AGENT,
    action: 'payments:transfer',
    resource,
    parameters: { amount, currency: 'USD', ...extra },
  };
}
