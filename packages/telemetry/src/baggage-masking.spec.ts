import { defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { ignoreIncomingBaggage } from './baggage-masking';
import { createSwitchablePropagator } from './switchable-propagator';

describe('baggage crossing a process boundary', () => {
  const propagator = createSwitchablePropagator();
  afterEach(() => ignoreIncomingBaggage([]));

  const extract = (baggage: string) => propagator.extract(ROOT_CONTEXT, { baggage }, defaultTextMapGetter);
  const entries = (baggage: string) =>
    Object.fromEntries(propagation.getBaggage(extract(baggage))!.getAllEntries().map(([k, e]) => [k, e.value]));

  it('masks card numbers in keys and values on the way in', () => {
    expect(entries('shop.5454545454545454=1,shop.note=card5105105105105100,shop.cc=cc_4012888888881881,shop.jcb=3530.1113.3330.0000,synthetic=true')).toEqual({
      'shop.[card ****5454]': '1',
      'shop.note': 'card[card ****5100]',
      'shop.cc': 'cc_[card ****1881]',
      'shop.jcb': '[card ****0000]',
      synthetic: 'true',
    });
  });

  it('masks card numbers on the way out, whatever the process put in its baggage', () => {
    const baggage = propagation.createBaggage({ 'shop.4111111111111111': { value: 'x 5555555555554444' } });
    const carrier: Record<string, string> = {};
    propagator.inject(propagation.setBaggage(ROOT_CONTEXT, baggage), carrier, defaultTextMapSetter);
    expect(decodeURIComponent(carrier.baggage!)).toBe('shop.[card ****1111]=x [card ****4444]');
  });

  it('drops the keys this process owns from incoming baggage', () => {
    ignoreIncomingBaggage(['shop.customer.tier']);
    expect(entries('shop.customer.tier=gold,shop.scenario=a')).toEqual({ 'shop.scenario': 'a' });
  });
});
