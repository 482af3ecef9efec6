import { CLIENT, CONSUMER, INTERNAL, node, PRODUCER, SERVER, toSpans } from '../testing/span-builder';
import { checkoutTrace } from '../testing/checkout';
import { criticalPath } from './critical-path';
import { buildTree } from './trace-tree';

const names = (tree: ReturnType<typeof buildTree>) => criticalPath(tree).map((step) => step.name);

describe('criticalPath', () => {
  it('goes into the child that finished last, then back through the siblings it waited on', () => {
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
      ['order', 'reserve', 20],
      ['order', 'charge', 55],
      ['payment', 'fraud', 10],
    ]);
  });

  it('leaves out a child that ran beside a later-finishing sibling', () => {
    const tree = buildTree(
      toSpans('t1', node('gateway', 'root', SERVER, 0, 50, [node('a', 'beside', CLIENT, 5, 30), node('b', 'longer', CLIENT, 4, 40)])),
    );
    expect(names(tree)).toEqual(['root', 'longer']);
  });

  it("counts a consumer that outlives its publish only up to the publish's end", () => {
    const tree = buildTree(
      toSpans('t1', node('order', 'root', SERVER, 0, 50, [
        node('order', 'query', CLIENT, 2, 30),
        node('order', 'publish', PRODUCER, 35, 5, [node('notification', 'consume', CONSUMER, 60, 40)]),
      ])),
    );
    expect(names(tree)).toEqual(['root', 'query', 'publish']);
  });

  it('keeps a step whose span closed a hair after the next step began', () => {
    const tree = buildTree(
      toSpans('t1', node('order', 'order.place', INTERNAL, 0, 50, [node('order', 'charge', CLIENT, 5, 30.01, [node('payment', 'risk query', CLIENT, 6, 25)]), node('order', 'save', CLIENT, 35, 10)])),
    );
    expect(names(tree)).toEqual(['order.place', 'charge', 'risk query', 'save']);
  });

  it('follows a server span that ends after its client had the answer', () => {
    const tree = buildTree(
      toSpans('t1', node('gateway', 'root', SERVER, 0, 100, [
        node('gateway', 'POST', CLIENT, 5, 90, [node('order', 'POST /orders', SERVER, 6, 95, [node('order', 'order.place', INTERNAL, 7, 85, [node('order', 'charge', CLIENT, 10, 70)])])]),
      ])),
    );
    expect(names(tree)).toEqual(['root', 'POST', 'POST /orders', 'order.place', 'charge']);
  });

  it("reaches the fraud check's query in a checkout, behind the later steps", () => {
    expect(names(buildTree(checkoutTrace('t1', 'o1')))).toEqual(expect.arrayContaining(['pg.query:SELECT tracelab', 'payment.authorize', 'publish orders']));
  });

  it('starts at the gateway entry even when another root started earlier', () => {
    const gatewayTrace = toSpans('t1', node('gateway', 'POST /orders', SERVER, 5, 10));
    const stray = toSpans('t1', node('notification', 'notification.send', INTERNAL, 0, 30));
    expect(names(buildTree([...stray, ...gatewayTrace]))).toEqual(['POST /orders']);
  });
});
