import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chosenBootstrap } from './bootstrap-choice';

describe('TRACELAB_TELEMETRY', () => {
  it.each([
    [undefined, 'lean'],
    ['', 'lean'],
    ['lean', 'lean'],
    ['auto', 'auto'],
    [' AUTO ', 'auto'],
  ])('%p selects the %s bootstrap', (value, expected) => {
    expect(chosenBootstrap(value)).toBe(expected);
  });

  it.each(['full', 'nodesdk', 'lean,auto', 'true', '1'])('refuses %p, naming the variable and the choices', (value) => {
    expect(() => chosenBootstrap(value)).toThrow(`TRACELAB_TELEMETRY: unknown bootstrap "${value}" (use lean or auto)`);
  });
});

/** The built register hook, in a process of its own; the script reports what it loaded and whether spans record. */
const PACKAGE_DIR = join(__dirname, '..');
const REPORT = `
  const { trace } = require('@opentelemetry/api');
  const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/' + name + '/'));
  const span = trace.getTracer('check').startSpan('check');
  console.log(JSON.stringify({
    recording: span.isRecording(),
    sdkNode: loaded('@opentelemetry/sdk-node'),
    autoInstrumentations: loaded('@opentelemetry/auto-instrumentations-node'),
    sdkTrace: loaded('@opentelemetry/sdk-trace'),
  }));
`;

function startWith(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--require', join(PACKAGE_DIR, 'dist/register.js'), '-e', REPORT], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', OTEL_TRACES_EXPORTER: 'none', ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
  const report = run.status === 0 ? (JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, boolean>) : undefined;
  return { status: run.status, stderr: run.stderr, report };
}

describe('the register hook', () => {
  it('stops the process at start-up on an unknown bootstrap', () => {
    const { status, stderr } = startWith({ TRACELAB_TELEMETRY: 'nodesdk' });
    expect(status).toBe(1);
    expect(stderr).toContain('TRACELAB_TELEMETRY: unknown bootstrap "nodesdk" (use lean or auto)');
  });

  it('starts the lean bootstrap by default, without loading the NodeSDK', () => {
    expect(startWith({}).report).toEqual({ recording: true, sdkNode: false, autoInstrumentations: false, sdkTrace: true });
  });

  it('starts the NodeSDK with auto-instrumentations for auto', () => {
    expect(startWith({ TRACELAB_TELEMETRY: 'auto' }).report).toEqual({ recording: true, sdkNode: true, autoInstrumentations: true, sdkTrace: true });
  });

  it('loads no SDK at all for auto when OTEL_SDK_DISABLED=true', () => {
    expect(startWith({ TRACELAB_TELEMETRY: 'auto', OTEL_SDK_DISABLED: 'true' }).report).toEqual({
      recording: false,
      sdkNode: false,
      autoInstrumentations: false,
      sdkTrace: false,
    });
  });
});
