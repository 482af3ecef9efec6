import { CLIENT, INTERNAL, node, SERVER, toSpans } from '../testing/span-builder';
import { criticalPath } from './critical-path';
import { buildTree } from './trace-tree';

describe('criticalPath', () => {
  it('follows, from the root, the child that ends last', () => {
    const tree = buildTree(
      toSpans(
        't1',
        node('gateway', 'POST /orders', SERVER, 0, 100, [
          node('gateway', 'long but early', INTERNAL, 1, 60),
          node('gateway', 'POST', CLIENT, 10, 85, [
            node('order', 'reserve', CLIENT, 11, 20),
            node('order', 'charge', CLIENT, 35, 55, [node('payment', 'fraud', CLIENT, 36, 10)]),
          ]),
        ]),
      ),
    );

    expect(criticalPath(tree).map((step) => [step.service, step.name, step.durationMs])).toEqual([
      ['gateway', 'POST /orders', 100],
      ['gateway', 'POST', 85],
      ['order', 'charge', 55],
      ['payment', 'fraud', 10],
    ]);
  });

  it('starts at the gateway entry even when another root started earlier', () => {
    const gatewayTrace = toSpans('t1', node('gateway', 'POST /orders', SERVER, 5, 10));
    const stray = toSpans('t1', node('notification', 'notification.send', INTERNAL, 0, 30));
    expect(criticalPath(buildTree([...stray, ...gatewayTrace])).map((step) => step.name)).toEqual(['POST /orders']);
  });
});
