-- Up Migration
-- No index here on purpose: it is built after the bulk seed (much faster), see RiskSeeder.
CREATE TABLE customer_risk (
  customer_id text NOT NULL,
  risk_score real NOT NULL,
  segment text NOT NULL,
  profile text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer_risk_seed (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  row_count integer NOT NULL,
  completed_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE customer_risk_seed;
DROP TABLE customer_risk;
