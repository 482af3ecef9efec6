-- Up Migration
-- Fault switches, read by every service (on each announced change, see the next migration); changed
-- through the gateway's /admin/faults.
CREATE TABLE faults (
  name text PRIMARY KEY,
  enabled boolean NOT NULL DEFAULT false,
  params jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Workshop lab progress, reported by `pnpm lab workshop` and shown in the console.
CREATE TABLE labs (
  name text PRIMARY KEY,
  state text NOT NULL CHECK (state IN ('idle', 'started', 'passed', 'failed')),
  detail text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE labs;
DROP TABLE faults;
