import { PlaceOrderDto } from '@tracelab/contracts/http';
import { AppError } from './errors';
import { SchemaValidationPipe } from './validation';

const pipe = new SchemaValidationPipe();
const validate = async (body: unknown) => pipe.transform(body, { type: 'body', metatype: PlaceOrderDto });

describe('the global validation pipe on POST /orders', () => {
  const good = {
    customerId: 'cust-0042',
    items: [{ sku: 'TL-MUG', quantity: 1 }],
    card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  };

  it('accepts a valid order, as sent', async () => {
    await expect(validate(good)).resolves.toEqual(good);
  });

  it('passes arguments without a schema untouched (route parameters, gRPC requests)', async () => {
    const request = { orderId: 'x' };
    expect(pipe.transform(request, { type: 'body', metatype: Object })).toBe(request);
    expect(pipe.transform('42', { type: 'param', metatype: String })).toBe('42');
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
    const problems = Object.fromEntries((error.details as { fields: { field: string; problems: string[] }[] }).fields.map((f) => [f.field, f.problems]));
    expect(problems).toMatchObject({ coupon: ['is not allowed'], card: ['is required'] });
  });

  it('names the body itself when there is none (a body that was not JSON is not parsed)', async () => {
    for (const body of [undefined, 'customerId=cust-0042', [good]]) {
      const error = (await validate(body).catch((e: unknown) => e)) as AppError;
      expect(error.message).toBe('invalid request: body');
      expect((error.details as { fields: { field: string; problems: string[] }[] }).fields).toEqual([{ field: 'body', problems: [body === undefined ? 'is required' : 'must be an object'] }]);
    }
  });

  it('names unknown and mistyped fields inside items and the card', async () => {
    const error = (await validate({ ...good, items: [{ sku: 'TL-MUG', quantity: 1.5, gift: true }], card: { ...good.card, expMonth: '12' } }).catch((e: unknown) => e)) as AppError;
    expect((error.details as { fields: unknown[] }).fields).toEqual([
      { field: 'items[0].quantity', problems: ['must be a whole number (from 1 to 100)'] },
      { field: 'items[0].gift', problems: ['is not allowed'] },
      { field: 'card.expMonth', problems: ['must be a whole number (a month, 1 to 12)'] },
    ]);
  });

  it('checks the card number like a card: 12 to 19 digits of a known network passing Luhn', async () => {
    const problemsOf = async (number: string) =>
      (((await validate({ ...good, card: { ...good.card, number } }).catch((e: unknown) => e)) as AppError).details as { fields: { problems: string[] }[] } | undefined)?.fields[0]?.problems;
    expect(await problemsOf('4242 4242 4242 4242')).toContain('must be 12 to 19 digits, without spaces or dashes');
    expect(await problemsOf('4242424242424241')).toEqual(['must be a valid card number (Luhn checked)']);
    await expect(validate({ ...good, card: { ...good.card, number: '6011111111111117' } })).resolves.toBeDefined();
  });

  it('never echoes the card number in its messages', async () => {
    const error = (await validate({ ...good, card: { ...good.card, number: '4242424242424241' } }).catch((e: unknown) => e)) as AppError;
    expect(JSON.stringify(error.details)).not.toContain('4242424242424241');
    expect(error.message).toContain('card.number');
  });
});
