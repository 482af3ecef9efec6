/** Always declined by the card network (docs/api.md), whoever the customer is. */
export const DECLINED_TEST_CARD = '4000000000000002';
