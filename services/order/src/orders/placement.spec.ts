import { placementFrom } from './placement';

describe('placementFrom', () => {
  it('reads the order id and turns the budget into a deadline', () => {
    expect(placementFrom({ 'x-order-id': '7E07E9D9-3D0D-413E-95DD-DCDFFD04931C', 'x-request-timeout-ms': '2500' }, 1000)).toEqual({
      orderId: '7e07e9d9-3d0d-413e-95dd-dcdffd04931c',
      deadline: 3500,
    });
    expect(placementFrom({})).toEqual({ orderId: undefined, deadline: undefined });
  });

  it.each([
    [{ 'x-order-id': '.' }, 'x-order-id'],
    [{ 'x-order-id': '../orders' }, 'x-order-id'],
    [{ 'x-request-timeout-ms': '-1' }, 'x-request-timeout-ms'],
    [{ 'x-request-timeout-ms': '1e9' }, 'x-request-timeout-ms'],
  ])('rejects %j with a 400 naming %s', (headers, field) => {
    expect(() => placementFrom(headers)).toThrow(expect.objectContaining({ status: 400, details: { fields: [expect.objectContaining({ field })] } }));
  });
});
