import isCreditCard from 'validator/lib/isCreditCard';
import { z } from 'zod';
import { schemaBody } from './schema-body';

const whole = (min: number, max: number, what: string) =>
  z.int({ error: `must be a whole number (${what})` }).min(min, `must be ${what}`).max(max, `must be ${what}`);

const cardSchema = z.strictObject({
  number: z
    .string()
    .regex(/^\d{12,19}$/, 'must be 12 to 19 digits, without spaces or dashes')
    .refine((number) => isCreditCard(number), 'must be a valid card number (Luhn checked)'),
  expMonth: whole(1, 12, 'a month, 1 to 12'),
  expYear: whole(2000, 2100, 'a year from 2000 to 2100'),
  cvc: z.string().regex(/^\d{3,4}$/, 'must be 3 or 4 digits'),
});

const lineItemSchema = z.strictObject({
  sku: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be an uppercase product code such as TL-MUG'),
  quantity: whole(1, 100, 'from 1 to 100'),
});

/** Body of POST /orders, shared by the gateway (public API) and the order service. */
export const placeOrderSchema = z.strictObject({
  customerId: z.string().regex(/^cust-\d{4,8}$/, 'must look like cust-0042'),
  items: z.array(lineItemSchema).min(1, 'must list at least one item').max(50, 'must list at most 50 items'),
  card: cardSchema,
});

export type PlaceOrder = z.infer<typeof placeOrderSchema>;
export type LineItem = PlaceOrder['items'][number];
export type Card = PlaceOrder['card'];

/** The body type of POST /orders. */
export class PlaceOrderDto extends schemaBody(placeOrderSchema) {}

export interface PlacedOrder {
  orderId: string;
  status: string;
  totalCents: number;
  traceId: string | null;
}
