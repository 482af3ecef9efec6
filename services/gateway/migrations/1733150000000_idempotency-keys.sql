-- Up Migration
-- POST /orders with an Idempotency-Key: what the first request asked for and what it got.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  order_id uuid NOT NULL,
  -- running: the first request is in flight; unknown: it ended without knowing the outcome (504); done: answered
  state text NOT NULL CHECK (state IN ('running', 'unknown', 'done')),
  status integer,
  body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE idempotency_keys;
