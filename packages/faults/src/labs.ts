import type { FaultName } from './catalogue';

/**
 * The workshop labs (docs/workshop/). Fault labs are started by an instructor's switch; code labs
 * break code; pipeline labs break the Collector's configuration.
 */
export interface LabDefinition {
  name: string;
  title: string;
  kind: 'fault' | 'code' | 'pipeline';
  fault?: FaultName;
}

export const LABS: readonly LabDefinition[] = [
  { name: 'slow-checkout', title: 'Checkout takes 8 seconds: find the culprit', kind: 'fault', fault: 'slow-query' },
  { name: 'hidden-retries', title: 'The retries nobody saw', kind: 'fault', fault: 'retry-storm' },
  { name: 'cascade', title: 'One hanging dependency takes the shop down', kind: 'fault', fault: 'cascade' },
  { name: 'queue-wait', title: 'Confirmations arrive late', kind: 'fault', fault: 'queue-backlog' },
  { name: 'n-plus-one', title: 'Death by a thousand queries', kind: 'fault', fault: 'n-plus-one' },
  { name: 'b3-island', title: 'The service that speaks another dialect', kind: 'fault', fault: 'propagator-mismatch' },
  { name: 'stops-at-the-queue', title: 'The trace that stops at the queue', kind: 'code' },
  { name: 'detached-retries', title: 'The retry helper that forgot where it came from', kind: 'code' },
  { name: 'lost-in-the-callback', title: 'Lost in the callback', kind: 'code' },
  { name: 'the-bill-or-the-bug', title: 'The bill or the bug: sampling that keeps what matters', kind: 'pipeline' },
  { name: 'the-silent-collector', title: 'The silent collector: a pipeline that drops spans', kind: 'pipeline' },
];
