/**
 * The scenarios' library code that k6 cannot run here, run in Node with k6's modules stood in for
 * (load/check/hooks.mjs): fetchSkus on unusable answers, and the end-of-test summary on both shapes
 * k6 hands to handleSummary() (e2e/fixtures/k6-options/summary-probe.mjs).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Probe {
  fetchSkus: Record<string, { skus?: string[]; failed?: string }>;
  summary: Record<string, string>;
}

function probe(): Probe {
  const result = spawnSync(process.execPath, ['--import', './load/check/hooks.mjs', 'e2e/fixtures/k6-options/summary-probe.mjs'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(result.stdout) as Probe;
}

describe('load/lib outside k6', () => {
  let out: Probe;
  beforeAll(() => {
    out = probe();
  });

  it('fetchSkus fails with the friendly message on any unusable answer, and keeps the plentiful SKUs of a good one', () => {
    const friendly = (what: string) => ({ failed: `GET http://gateway.test:8080/products answered ${what}: is the stack up?` });
    expect(out.fetchSkus).toEqual({
      html: friendly('200 without a product list'),
      'json without products': friendly('200 without a product list'),
      unavailable: friendly('503'),
      catalogue: { skus: ['TL-MUG'] },
    });
  });

  it("reads k6's default summary: orders, verdict, and a no-data guard that failed", () => {
    const text = out.summary.classic!;
    expect(text).toContain('tracelab load test: probe  (1m00s)  FAILED (a threshold was crossed)');
    expect(text).toContain('orders          12 placed, 0.00% failed');
    expect(text).toContain('p99 160ms');
    expect(text).toContain('FAIL notification_pending_samples count>0    (no sample: what the threshold beside it asserts was never measured)');
  });

  it("reads k6's machine-readable summary as it is, and says in one line what it lacks", () => {
    const text = out.summary['machine-readable']!;
    expect(text).toContain('orders          6 placed, 50.00% failed');
    expect(text).toContain('http            30 requests (0.5/s)');
    expect(text).toContain('checks          100.00% passed');
    expect(text).not.toMatch(/PASSED|FAILED/);
    expect(text.split('\n').filter((line) => line.includes('machine-readable summary has no threshold verdicts'))).toHaveLength(1);
  });

  it('says it needs the default summary data when handed a shape it does not know', () => {
    expect(out.summary.unknown).toContain("it needs k6's default summary data");
  });
});
