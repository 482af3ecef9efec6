// The orders every phase places: the same bodies as before the paced bench, a test card number
// that never leaves these requests (nothing here prints a body).
const SKUS = ['TL-MUG', 'TL-TEE', 'TL-HOODIE', 'TL-STICKERS', 'TL-CAP', 'TL-BOOK', 'TL-SOCKS'];

export const ORDER_HEADERS = { 'content-type': 'application/json', baggage: 'synthetic=true,shop.scenario=bench' };

export function orderBody(i) {
  return JSON.stringify({
    customerId: `cust-${String(1 + (i % 500)).padStart(4, '0')}`,
    items: [{ sku: SKUS[i % SKUS.length], quantity: 1 + (i % 3) }],
    card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  });
}
