import { analyze } from '../analysis/analyze';
import { checkoutTrace } from '../testing/checkout';
import { breakAt } from '../testing/span-builder';
import { renderReport } from './render-report';

const ANSI = /\u001b\[/;

describe('renderReport', () => {
  it('draws the waterfall, critical path, self time and edges of a whole trace', () => {
    const text = renderReport(analyze(checkoutTrace('trace-1', 'order-1')));

    expect(text).toContain('trace trace-1  gateway POST /orders  130.0 ms  20 spans  2025-06-15T15:06:40.000Z  order order-1');
    expect(text).toMatch(/^ {2}gateway POST \/orders {2,}100\.0 ms \|█{31} {9}\|$/m);
    expect(text).toMatch(/^ {20}fraud-detection pg\.query:SELECT tracelab +22\.0 ms \| {8}█{7} {25}\|$/m);
    expect(text).toMatch(/^ {10}order grpc\.tracelab\.inventory\.v1\.InventoryService\/R…  +15\.0 ms/m);
    expect(text).toContain('critical path  gateway POST /orders 100.0 ms → gateway POST 96.0 ms →');
    expect(text).toContain('✓ order → notification over RabbitMQ');
    expect(text).toContain('findings  none');
    expect(text).toContain('verdict: WHOLE');
    expect(text).not.toMatch(ANSI);
  });

  it('marks ERROR spans and lists each broken hop', () => {
    const spans = breakAt(checkoutTrace('trace-1', 'order-1', 'declined'), (span) => span.service === 'payment' && span.kind === 2, 'trace-2');
    const text = renderReport(analyze(spans));

    expect(text).toMatch(/payment payment\.authorize .*\|.*\| ✗ ERROR$/m);
    expect(text).toContain('✗ [split-order] order → payment over gRPC: server started a new trace');
    expect(text).toContain('✗ order → payment over gRPC');
    expect(text).toMatch(/verdict: BROKEN {2}3 finding\(s\) across 2 trace\(s\)\n {2}- order → payment over gRPC\n {2}- order → payment over gRPC: server started a new trace/);
  });

  it('colours only when asked to', () => {
    const report = analyze(checkoutTrace('trace-1', 'order-1'));
    expect(renderReport(report, { color: true })).toMatch(ANSI);
    expect(renderReport(report, { color: false })).not.toMatch(ANSI);
  });

  it('says so when there is nothing to judge', () => {
    expect(renderReport(analyze([]))).toContain('no traces found');
  });
});
