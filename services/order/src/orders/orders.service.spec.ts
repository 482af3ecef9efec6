import type { PlaceOrderDto } from '@tracelab/contracts/http';
import { GrpcStatus } from '@tracelab/service-kit/grpc';
import type { Downstream } from '../downstream/downstream.module';
import type { Compensations } from './compensations';
import type { OrderEventsPublisher } from './order-events.publisher';
import type { NewOrder, OrderView } from './order.types';
import type { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

const ORDER_ID = '7e07e9d9-3d0d-413e-95dd-dcdffd04931c';
const dto = {
  customerId: 'cust-0042',
  items: [{ sku: 'TL-MUG', quantity: 2 }],
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
} as PlaceOrderDto;
const grpcError = (code: number, details: string) => Object.assign(new Error(details), { code, details });

/** The order flow with its collaborators replaced: what it compensates, and how often. */
function setUp(overrides: { reserve?: () => Promise<unknown>; charge?: () => Promise<unknown>; save?: (order: NewOrder) => Promise<unknown>; stored?: OrderView } = {}) {
  const calls = { released: 0, reconciled: [] as string[], saved: [] as NewOrder[], reserved: 0 };
  const downstream = {
    reserve: async () => {
      calls.reserved++;
      return (overrides.reserve ?? (async () => ({ lines: [{ sku: 'TL-MUG', quantity: 2, unitPriceCents: 1200 }], totalCents: 2400 })))();
    },
    charge: overrides.charge ?? (async () => ({ paymentId: '024abde9-933a-4697-9d34-638a0c02ef98', cardLast4: '4242', riskScore: 0.1 })),
  } as unknown as Downstream;
  const repository = {
    findById: async () => overrides.stored,
    save: async (order: NewOrder) => {
      calls.saved.push(order);
      return (overrides.save ?? (async () => ({ outboxId: '1', fresh: true })))(order);
    },
  } as unknown as OrdersRepository;
  const events = { captureContext: () => ({}), publish: async () => true } as unknown as OrderEventsPublisher;
  const compensations = {
    release: async () => void calls.released++,
    chargeWithoutOrder: async (_orderId: string, paymentId: string | null) => void calls.reconciled.push(paymentId ?? 'unknown'),
  } as unknown as Compensations;
  return { service: new OrdersService(downstream, repository, events, compensations), calls };
}

describe('OrdersService compensation', () => {
  it('confirms an order without compensating anything', async () => {
    const { service, calls } = setUp();
    await expect(service.place(dto, { orderId: ORDER_ID })).resolves.toMatchObject({ orderId: ORDER_ID, status: 'confirmed', totalCents: 2400 });
    expect(calls).toMatchObject({ released: 0, reconciled: [] });
  });

  it.each([
    ['cancelled by a shutting-down inventory', GrpcStatus.CANCELLED, 503],
    ['timed out', GrpcStatus.DEADLINE_EXCEEDED, 503],
    ['an internal error', GrpcStatus.INTERNAL, 500],
  ])('a Reserve call %s releases the stock once and stores the order as failed', async (_what, code, status) => {
    const { service, calls } = setUp({ reserve: () => Promise.reject(grpcError(code, 'boom')) });
    await expect(service.place(dto, { orderId: ORDER_ID })).rejects.toMatchObject({ status, details: { orderId: ORDER_ID } });
    expect(calls.released).toBe(1);
    expect(calls.saved.map((o) => o.status)).toEqual(['failed']);
  });

  it('out of stock reserves nothing, so releases nothing', async () => {
    const { service, calls } = setUp({ reserve: () => Promise.reject(grpcError(GrpcStatus.FAILED_PRECONDITION, 'out of stock: TL-MUG')) });
    await expect(service.place(dto)).rejects.toMatchObject({ status: 409 });
    expect(calls.released).toBe(0);
  });

  it('a failed charge releases the stock once', async () => {
    const { service, calls } = setUp({ charge: () => Promise.reject(grpcError(GrpcStatus.UNAVAILABLE, 'down')) });
    await expect(service.place(dto)).rejects.toMatchObject({ status: 503 });
    expect(calls.released).toBe(1);
  });

  it('a Charge call that timed out may have charged: recorded for reconciliation', async () => {
    const { service, calls } = setUp({ charge: () => Promise.reject(grpcError(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline exceeded')) });
    await expect(service.place(dto)).rejects.toMatchObject({ status: 503 });
    expect(calls).toMatchObject({ released: 1, reconciled: ['unknown'] });
  });

  it('a Charge payment refused because the deadline had passed charged nothing', async () => {
    const { service, calls } = setUp({ charge: () => Promise.reject(grpcError(GrpcStatus.DEADLINE_EXCEEDED, 'the caller stopped waiting; not charged')) });
    await expect(service.place(dto)).rejects.toMatchObject({ status: 503 });
    expect(calls).toMatchObject({ released: 1, reconciled: [] });
  });

  it('a charged order that cannot be stored releases the stock and is recorded for reconciliation', async () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), {});
    const { service, calls } = setUp({ save: () => Promise.reject(lost) });
    await expect(service.place(dto)).rejects.toBe(lost);
    expect(calls.released).toBe(1);
    expect(calls.reconciled).toEqual(['024abde9-933a-4697-9d34-638a0c02ef98']);
  });

  it('the same order id placed again replays the stored order and calls nothing', async () => {
    const stored = { orderId: ORDER_ID, status: 'payment_declined', failureReason: 'payment declined: card declined by issuer', totalCents: 2400 } as OrderView;
    const { service, calls } = setUp({ stored });
    await expect(service.place(dto, { orderId: ORDER_ID })).rejects.toMatchObject({ status: 402, code: 'payment_declined', details: { orderId: ORDER_ID } });
    expect(calls.reserved).toBe(0);
  });

  it('a second request for an order still being placed is told so (409)', async () => {
    let finish!: () => void;
    const { service } = setUp({ reserve: () => new Promise((resolve) => (finish = () => resolve({ lines: [], totalCents: 0 }))) });
    const first = service.place(dto, { orderId: ORDER_ID });
    await new Promise((r) => setImmediate(r));
    await expect(service.place(dto, { orderId: ORDER_ID })).rejects.toMatchObject({ status: 409, code: 'order_in_progress' });
    finish();
    await first;
  });
});
