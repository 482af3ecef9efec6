-- Up Migration
CREATE TABLE products (
  sku text PRIMARY KEY,
  name text NOT NULL,
  price_cents integer NOT NULL CHECK (price_cents > 0),
  stock integer NOT NULL CHECK (stock >= 0),
  seed_stock integer NOT NULL CHECK (seed_stock >= 0)
);

CREATE TABLE reservations (
  order_id text NOT NULL,
  sku text NOT NULL REFERENCES products (sku),
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price_cents integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz,
  PRIMARY KEY (order_id, sku)
);

-- Down Migration
DROP TABLE reservations;
DROP TABLE products;
