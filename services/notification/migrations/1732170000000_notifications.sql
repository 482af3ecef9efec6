-- Up Migration
CREATE TABLE notifications (
  order_id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  channel text NOT NULL,
  trace_id text,
  sent_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE notifications;
