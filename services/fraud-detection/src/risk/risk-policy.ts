/** Scores at or above this are declined. */
export const HIGH_RISK_THRESHOLD = 0.9;

/**
 * The only customers ever declined for fraud (docs/api.md). Everyone else scores below 0.5,
 * so ordinary customers are never declined by chance.
 */
export const HIGH_RISK_CUSTOMERS: readonly string[] = ['cust-0666', 'cust-0999', 'cust-1313'];

/** Score for a customer missing from the table: unknown, but not suspicious. */
export const UNKNOWN_CUSTOMER_SCORE = 0.5;

export const INDEX_NAME = 'customer_risk_customer_id_idx';

/** customer number → id, as seeded: cust-0042, cust-12345. */
export const customerIdSql = (n: string) =>
  `'cust-' || CASE WHEN ${n} < 10000 THEN lpad(${n}::text, 4, '0') ELSE ${n}::text END`;
