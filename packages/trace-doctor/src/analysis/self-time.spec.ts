import { CLIENT, INTERNAL, node, SERVER, toSpans } from '../testing/span-builder';
import { selfTimeNanos, topSelfTime } from './self-time';
import { buildTree } from './trace-tree';

const MS = 1_000_000n;

describe('selfTimeNanos', () => {
  it('subtracts the union of overlapping children, not their sum', () => {
    const [parent, ...children] = toSpans('t', node('order', 'order.place', INTERNAL, 0, 100, [node('order', 'a', CLIENT, 10, 30), node('order', 'b', CLIENT, 20, 30)]));
    // a: 10–40, b: 20–50 → covered 10–50 = 40 ms
    expect(selfTimeNanos(parent!, children)).toBe(60n * MS);
  });

  it('clips children that outlive their parent (async work) to the parent', () => {
    const [parent, ...children] = toSpans('t', node('order', 'publish orders', 4, 0, 10, [node('notification', 'process', 5, 5, 100)]));
    expect(selfTimeNanos(parent!, children)).toBe(5n * MS);
  });

  it('is the whole duration without children, and never negative', () => {
    const [leaf] = toSpans('t', node('fraud-detection', 'pg.query:SELECT tracelab', CLIENT, 0, 7));
    expect(selfTimeNanos(leaf!, [])).toBe(7n * MS);
    const [parent, child] = toSpans('t', node('x', 'p', INTERNAL, 0, 5, [node('x', 'c', INTERNAL, 0, 5)]));
    expect(selfTimeNanos(parent!, [child!])).toBe(0n);
  });
});

describe('topSelfTime', () => {
  it('ranks spans by self time, top 5 by default', () => {
    const tree = buildTree(
      toSpans(
        't',
        node('gateway', 'POST /orders', SERVER, 0, 100, [
          node('gateway', 'POST', CLIENT, 5, 90, [
            node('order', 'POST /orders', SERVER, 6, 88, [
              node('order', 'order.place', INTERNAL, 7, 86, [node('fraud-detection', 'slow query', CLIENT, 8, 70), node('order', 'insert', CLIENT, 80, 5)]),
            ]),
          ]),
        ]),
      ),
    );
    const top = topSelfTime(tree);

    expect(top).toHaveLength(5);
    expect(top[0]).toMatchObject({ service: 'fraud-detection', name: 'slow query', selfMs: 70 });
    expect(top[1]).toMatchObject({ name: 'order.place', selfMs: 11 });
  });
});
