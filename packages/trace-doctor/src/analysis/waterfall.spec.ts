import { CLIENT, INTERNAL, node, SERVER, toSpans } from '../testing/span-builder';
import { buildTree } from './trace-tree';
import { waterfall } from './waterfall';

describe('waterfall', () => {
  it('lists the tree depth-first, children by start, with offsets from the trace start', () => {
    const tree = buildTree(
      toSpans(
        't1',
        node('gateway', 'POST /orders', SERVER, 10, 50, [
          node('gateway', 'second', INTERNAL, 30, 10),
          node('gateway', 'POST', CLIENT, 12, 15, [node('order', 'POST /orders', SERVER, 13, 12, [], { error: true })]),
        ]),
      ),
    );

    expect(waterfall(tree).map(({ depth, service, name, kind, offsetMs, durationMs, error }) => ({ depth, service, name, kind, offsetMs, durationMs, error }))).toEqual([
      { depth: 0, service: 'gateway', name: 'POST /orders', kind: 'server', offsetMs: 0, durationMs: 50, error: false },
      { depth: 1, service: 'gateway', name: 'POST', kind: 'client', offsetMs: 2, durationMs: 15, error: false },
      { depth: 2, service: 'order', name: 'POST /orders', kind: 'server', offsetMs: 3, durationMs: 12, error: true },
      { depth: 1, service: 'gateway', name: 'second', kind: 'internal', offsetMs: 20, durationMs: 10, error: false },
    ]);
  });

  it('starts a new branch at depth 0 for each orphan, marked as such', () => {
    const [root, client, server] = toSpans('t1', node('gateway', 'POST /orders', SERVER, 0, 10, [node('gateway', 'POST', CLIENT, 1, 8, [node('order', 'POST /orders', SERVER, 2, 6)])]));
    const rows = waterfall(buildTree([root!, server!]));

    expect(rows.map((row) => [row.depth, row.name, row.orphan])).toEqual([
      [0, 'POST /orders', false],
      [0, 'POST /orders', true],
    ]);
    expect(client).toBeDefined();
  });
});
