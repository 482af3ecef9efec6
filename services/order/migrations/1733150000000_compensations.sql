-- Up Migration
-- Reservations whose release failed (inventory unreachable): retried until inventory answers.
CREATE TABLE pending_releases (
  order_id uuid PRIMARY KEY,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Charges that succeeded for orders that could not be stored: money taken without an order.
-- There is no refund call in the payment API, so finance settles these by hand.
CREATE TABLE payment_reconciliation (
  order_id uuid PRIMARY KEY,
  payment_id uuid,
  reason text NOT NULL,
  trace_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE payment_reconciliation;
DROP TABLE pending_releases;
