import type { Client } from 'pg';
import { find, type ReceivedSpan, SpanKind } from './traces';

/** fraud-detection's query of the 2M-row risk table (the slow-query fault drops its index). */
export const riskQuery = (spans: ReceivedSpan[]) =>
  find(spans, (s) => s.service === 'fraud-detection' && s.kind === SpanKind.CLIENT && String(s.attributes['db.query.text']).includes('customer_risk'), 'risk query');

async function indexExists(db: Client): Promise<boolean> {
  const { rowCount } = await db.query("SELECT 1 FROM pg_indexes WHERE indexname = 'customer_risk_customer_id_idx'");
  return rowCount === 1;
}

/** Waits until the slow-query fault has dropped (false) or rebuilt (true) the risk table's index. */
export async function waitForIndex(db: Client, wanted: boolean): Promise<void> {
  const deadline = Date.now() + 30000;
  while ((await indexExists(db)) !== wanted) {
    if (Date.now() > deadline) throw new Error(`index still ${wanted ? 'missing' : 'present'} after 30 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
