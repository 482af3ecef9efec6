import type { ReceivedSpan } from '@tracelab/otlp-receiver';

/**
 * What "fixed" means for each fault lab, judged on the traces of fresh orders: the symptom is
 * gone. The doctor separately checks that every trace is whole.
 */
export type SymptomCheck = (trace: ReceivedSpan[]) => string | undefined;

const CLIENT = 3;
const CONSUMER = 5;

export const FAULT_LAB_SYMPTOMS: Record<string, SymptomCheck> = {
  'slow-checkout': (trace) => {
    const query = trace.find((s) => s.service === 'fraud-detection' && s.kind === CLIENT && String(s.attributes['db.query.text']).includes('customer_risk'));
    return query && query.durationMs > 50 ? `the risk lookup still takes ${query.durationMs.toFixed(0)} ms (indexed: a few ms)` : undefined;
  },
  'hidden-retries': (trace) => {
    const attempts = trace.filter((s) => s.service === 'payment' && s.kind === CLIENT).length;
    return attempts > 1 ? `payment still needed ${attempts} attempts to score one order` : undefined;
  },
  cascade: (trace) => {
    const charge = trace.find((s) => s.name === 'payment.charge');
    if (!charge) return 'no payment.charge span: the order did not reach payment';
    return charge.status.code === 2 ? `payment.charge failed (circuit ${String(charge.attributes['shop.circuit.state'])})` : undefined;
  },
  'queue-wait': (trace) => {
    const consume = trace.find((s) => s.kind === CONSUMER);
    const wait = Number(consume?.attributes['shop.queue.wait_ms'] ?? 0);
    return wait > 200 ? `the confirmation still waited ${wait} ms in the queue` : undefined;
  },
  'n-plus-one': (trace) => {
    const updates = trace.filter((s) => s.service === 'inventory' && String(s.attributes['db.query.text'] ?? '').startsWith('UPDATE products')).length;
    return updates > 1 ? `inventory still ran ${updates} UPDATE statements for one order` : undefined;
  },
  'b3-island': () => undefined,
};

/**
 * Code labs: the doctor judges propagation between services; inside a service a "fix" can still
 * hang work on the wrong parent, which these catch.
 */
export const CODE_LAB_SYMPTOMS: Record<string, SymptomCheck> = {
  'lost-in-the-callback': (trace) => {
    const send = trace.find((s) => s.name === 'notification.send');
    const consume = trace.find((s) => s.kind === CONSUMER);
    if (!send || !consume) return undefined; // the doctor reports the split
    return send.parentSpanId === consume.spanId ? undefined : "'notification.send' is in the trace but not inside the consumer span: run the handler in the consumer span's context";
  },
};
