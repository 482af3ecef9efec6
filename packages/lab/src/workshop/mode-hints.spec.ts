import { resolve } from 'node:path';
import type { DetectedStack, LocalStackState } from '@tracelab/local-stack';
import { changedServices, checkCommand, loadHints, modeLine, rerunHint, traceHints } from './mode-hints';

const ROOT = resolve(__dirname, '../../../..');
const local = (traces: LocalStackState['traces']): DetectedStack => ({
  mode: 'local',
  gatewayUrl: 'http://localhost:8080',
  local: {
    pid: 1,
    gatewayUrl: 'http://127.0.0.1:8080',
    traces,
    links: [
      { label: 'console', url: 'http://127.0.0.1:8080/console?token=workshop' },
      { label: 'a trace', url: 'http://127.0.0.1:8080/console/traces/<trace id>', note: 'waterfall and verdict' },
    ],
    startedAt: '',
  },
});
const jaeger = local({ store: 'jaeger', url: 'http://127.0.0.1:16686' });
const compose: DetectedStack = { mode: 'compose', gatewayUrl: 'http://localhost:8080' };

describe('workshop hints by mode', () => {
  it("local mode: the stack's own links and the doctor, no Jaeger UI", () => {
    const hints = traceHints({ stack: jaeger, k6: false }).join('\n');
    expect(hints).toContain('http://127.0.0.1:8080/console/traces/<trace id>  waterfall and verdict');
    expect(hints).toContain('pnpm lab doctor --last 1');
    expect(hints).not.toContain('16686');
    expect(modeLine({ stack: jaeger, k6: false })).toMatch(/local mode/);
  });

  it('local mode without k6: load is optional because every check places its own orders; with k6: pnpm load', () => {
    const without = loadHints({ stack: jaeger, k6: false }).join(' ');
    expect(without).toMatch(/optional/);
    expect(without).toMatch(/every lab's check places its own orders/);
    expect(without).not.toMatch(/docker/i);
    expect(loadHints({ stack: jaeger, k6: true })).toEqual(['Put load on the shop: pnpm load baseline.']);
    const withDocker = loadHints({ stack: jaeger, k6: false, docker: true }).join(' ');
    expect(withDocker).toMatch(/optional/);
    expect(withDocker).toContain("pnpm load baseline (without k6 it runs k6's Docker image alone against this stack)");
  });

  it("compose: Jaeger's UI and the compose k6", () => {
    expect(traceHints({ stack: compose, k6: false }).join(' ')).toContain('Jaeger http://localhost:16686');
    expect(loadHints({ stack: compose, k6: false }).join(' ')).toContain('k6 runs in its compose container');
  });

  it('nothing running: says how to start a stack, no load or trace hints', () => {
    const none: DetectedStack = { mode: 'none', gatewayUrl: 'http://localhost:8080' };
    expect(modeLine({ stack: none, k6: true })).toMatch(/pnpm start:local .* docker compose up -d/);
    expect([...traceHints({ stack: none, k6: true }), ...loadHints({ stack: none, k6: true })]).toEqual([]);
  });

  it('the check reads where the local stack keeps its traces', () => {
    expect(checkCommand('cascade', { stack: jaeger, k6: false })).toBe('pnpm lab workshop check cascade');
    expect(checkCommand('cascade', { stack: local({ store: 'jaeger', url: 'http://127.0.0.1:17386' }), k6: false })).toBe(
      'JAEGER_URL=http://127.0.0.1:17386 pnpm lab workshop check cascade',
    );
    expect(checkCommand('cascade', { stack: local({ store: 'receiver', url: 'http://127.0.0.1:4318' }), k6: false })).toBe('pnpm lab workshop check cascade --source local');
    expect(checkCommand('cascade', { stack: compose, k6: false })).toBe('pnpm lab workshop check cascade');
  });
});

describe('code labs: which services run the changed code', () => {
  it("a service's own file is that service; a shared package's file is every service that depends on it", () => {
    expect(changedServices(ROOT, ['services/payment/src/payments/fraud-client.ts'])).toEqual(['payment']);
    expect(changedServices(ROOT, ['packages/messaging/src/propagation.ts'])).toEqual(['notification', 'order']);
  });

  it('tells each mode how to run it', () => {
    expect(rerunHint({ stack: compose, k6: false }, ['notification', 'order'])).toBe('Run the changed code: docker compose up -d --build notification order');
    expect(rerunHint({ stack: jaeger, k6: false }, ['payment'])).toMatch(/stop pnpm start:local \(Ctrl-C\) and start it again/);
  });
});
