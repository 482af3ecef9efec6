import { CLIENT, INTERNAL, node, SERVER, toSpans } from '../testing/span-builder';
import { buildTree, childrenOf, entrySpan, isRemoteEntry, startsAtGateway, topLevelSpans } from './trace-tree';

describe('buildTree', () => {
  it('indexes children by start time and finds the root', () => {
    const spans = toSpans(
      't1',
      node('gateway', 'POST /orders', SERVER, 0, 10, [node('gateway', 'late', INTERNAL, 5, 1), node('gateway', 'early', INTERNAL, 1, 1)]),
    );
    const tree = buildTree(spans);

    expect(tree.roots.map((span) => span.name)).toEqual(['POST /orders']);
    expect(tree.orphans).toEqual([]);
    expect(childrenOf(tree, tree.roots[0]!).map((span) => span.name)).toEqual(['early', 'late']);
    expect(tree.end - tree.start).toBe(10_000_000n);
  });

  it('tells orphans (parent missing) from roots (no parent)', () => {
    const [root, child, grandchild] = toSpans('t1', node('order', 'POST /orders', SERVER, 0, 10, [node('order', 'order.place', INTERNAL, 1, 8, [node('order', 'pg', CLIENT, 2, 1)])]));
    const tree = buildTree([child!, grandchild!]);

    expect(tree.roots).toEqual([]);
    expect(tree.orphans.map((span) => span.name)).toEqual(['order.place']);
    expect(topLevelSpans(tree)).toEqual([child]);
    expect(root).toBeDefined();
  });

  it('prefers the gateway server span as the entry, even when its client-side parent is missing', () => {
    const [gateway, ...rest] = toSpans('t1', node('gateway', 'POST /orders', SERVER, 1, 10, [node('gateway', 'POST', CLIENT, 2, 5)]));
    const fromClient = { ...gateway!, parentSpanId: 'ffffffffffffffff' };
    const stray = toSpans('t1', node('order', 'order.place', INTERNAL, 0, 1))[0]!;
    const tree = buildTree([fromClient, ...rest, stray]);

    expect(entrySpan(tree)).toBe(fromClient);
    expect(isRemoteEntry(tree, fromClient)).toBe(true);
    expect(startsAtGateway(tree)).toBe(true);
  });

  it('falls back to the earliest top-level span as the entry', () => {
    const tree = buildTree(toSpans('t1', node('notification', 'process order.confirmed', 5, 0, 3, [node('notification', 'notification.send', INTERNAL, 1, 1)])));
    expect(entrySpan(tree).name).toBe('process order.confirmed');
    expect(startsAtGateway(tree)).toBe(false);
  });
});
