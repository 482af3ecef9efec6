import { customerTier } from './customer-tier';

describe('customerTier', () => {
  it.each([
    ['cust-0001', 'gold'],
    ['cust-0100', 'gold'],
    ['cust-0101', 'silver'],
    ['cust-1000', 'silver'],
    ['cust-1001', 'standard'],
    ['cust-0000', 'standard'],
    ['cust-2000000', 'standard'],
  ])('%s is %s', (customerId, tier) => {
    expect(customerTier(customerId)).toBe(tier);
  });
});
