/**
 * Loyalty tier of a customer, put in baggage (shop.customer.tier) at the gateway so every
 * downstream span can be filtered by it. cust-0001..0100 gold, ..1000 silver, the rest standard.
 */
export function customerTier(customerId: string): 'gold' | 'silver' | 'standard' {
  const number = Number(customerId.replace(/^cust-/, ''));
  if (number >= 1 && number <= 100) return 'gold';
  if (number >= 1 && number <= 1000) return 'silver';
  return 'standard';
}
