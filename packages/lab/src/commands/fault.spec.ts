import { parseParams } from './fault';

describe('lab fault params', () => {
  it('turns --key value pairs into params, numbers as numbers', () => {
    expect(parseParams(['--failRate', '0.3', '--service', 'payment'])).toEqual({ failRate: 0.3, service: 'payment' });
  });

  it('rejects a flag without a value', () => {
    expect(() => parseParams(['--failRate'])).toThrow(/--<param> <value>/);
  });
});
