import { PlaceOrderDto } from '@tracelab/contracts/http';
import { AppError } from './errors';
import { createValidationPipe } from './validation';

const pipe = createValidationPipe();
const validate = (body: unknown) => pipe.transform(body, { type: 'body', metatype: PlaceOrderDto });

describe('the global validation pipe on POST /orders', () => {
  const good = {
    customerId: 'cust-0042',
    items: [{ sku: 'TL-MUG', quantity: 1 }],
    card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  };

  it('accepts a valid order', async () => {
    await expect(validate(good)).resolves.toBeInstanceOf(PlaceOrderDto);
  });

  it('names every bad field, nested ones by path', async () => {
    const error = await validate({ ...good, customerId: 42, items: [{ sku: 'TL-MUG', quantity: 1 }, { sku: 'x', quantity: 101 }], card: { ...good.card, cvc: 'abc' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const fields = ((error as AppError).details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(['customerId', 'items[1].sku', 'items[1].quantity', 'card.cvc']);
    expect((error as AppError).status).toBe(400);
  });

  it('rejects unknown fields and a missing card', async () => {
    const error = (await validate({ customerId: 'cust-0042', items: [{ sku: 'TL-MUG', quantity: 1 }], coupon: 'FREE' }).catch((e: unknown) => e)) as AppError;
    const fields = (error.details as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['coupon', 'card']));
  });

  it('never echoes the card number in its messages', async () => {
    const error = (await validate({ ...good, card: { ...good.card, number: '4242424242424241' } }).catch((e: unknown) => e)) as AppError;
    expect(JSON.stringify(error.details)).not.toContain('4242424242424241');
    expect(error.message).toContain('card.number');
  });
});
