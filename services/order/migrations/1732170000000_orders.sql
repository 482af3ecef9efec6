-- Up Migration
CREATE TABLE orders (
  id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed', 'payment_declined', 'out_of_stock', 'failed')),
  failure_reason text,
  total_cents integer NOT NULL DEFAULT 0,
  payment_id uuid,
  card_last4 text,
  trace_id text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_created_at_idx ON orders (created_at DESC);

CREATE TABLE order_items (
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  sku text NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer,
  PRIMARY KEY (order_id, sku)
);

-- Events written in the same transaction as the order; published right away, or later by the relay.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  order_id uuid NOT NULL,
  routing_key text NOT NULL,
  payload jsonb NOT NULL,
  -- traceparent/baggage of the request that wrote it, so a late publish stays in the same trace
  trace_carrier jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (created_at) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TABLE order_items;
DROP TABLE orders;
