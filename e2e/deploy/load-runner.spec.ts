/**
 * `pnpm load` (load/run.mjs) picks the stack that is running and never starts one. The local stack
 * here is the tier's own six services (their gateway answers at GATEWAY_URL); Docker is the real
 * engine. A stand-in `k6` (a shell script, k6 itself cannot run here) proves the local-k6 path.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GATEWAY_URL } from '../support/env';

const root = path.resolve(__dirname, '../..');

function executableIn(dir: string, name: string): boolean {
  try {
    accessSync(path.join(dir, name), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** PATH without any directory holding a `k6`, with `extra` first. */
function pathWithoutK6(extra: string[] = []): string {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir !== '' && !executableIn(dir, 'k6'));
  return [...extra, ...dirs].join(path.delimiter);
}

function load(args: string[], env: Record<string, string>) {
  const own = ['GATEWAY_URL', 'JAEGER_URL', 'JAEGER_API_URL', 'ADMIN_TOKEN', 'RATE', 'SUMMARY_JSON', 'LOAD_RUNNER', 'K6_IMAGE', 'INIT_CWD'];
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !own.includes(name)));
  const result = spawnSync(process.execPath, ['load/run.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...clean, PATH: pathWithoutK6(), ...env } as NodeJS.ProcessEnv,
  });
  expect(result.error).toBeUndefined();
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every container, network and volume of every project, as Docker lists them. */
function dockerObjects(): { containers: string[]; networks: string[]; volumes: string[] } {
  const list = (args: string[]) => {
    const result = spawnSync('docker', args, { encoding: 'utf8', timeout: 30_000 });
    expect({ args, status: result.status, stderr: result.stderr }).toEqual({ args, status: 0, stderr: '' });
    return result.stdout.split('\n').filter(Boolean).sort();
  };
  return {
    containers: list(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}} {{.Label "com.docker.compose.project"}}']),
    networks: list(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}}']),
    volumes: list(['volume', 'ls', '--format', '{{.Name}}']),
  };
}

describe('pnpm load picks the stack that is running', () => {
  it('with the local stack up, no k6 and Docker present: creates no container, network or volume, and names the fix', () => {
    const docker = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 30_000 });
    expect({ dockerInfo: docker.status, stderr: docker.stderr }).toEqual({ dockerInfo: 0, stderr: '' });
    const before = dockerObjects();

    const { status, stderr } = load(['smoke'], { GATEWAY_URL });

    expect(dockerObjects()).toEqual(before);
    // (The k6 image cannot be pulled here: no container registry. With it, the run goes through
    // `docker run --rm` on the host network, which leaves nothing behind either.)
    expect(status).toBe(127);
    expect(stderr).toContain(`k6 is not installed, and the local stack at ${GATEWAY_URL}`);
    for (const fix of ['sudo apt-get install k6', 'brew install k6', 'winget install k6', "every lab's `check` places its own orders"]) {
      expect(stderr).toContain(fix);
    }
    expect(stderr).not.toContain('docker compose');
  }, 150_000);

  describe('with the local stack up, no k6, and a k6 image', () => {
    const image = 'tracelab-test/k6-standin:latest';
    let dir: string;
    beforeAll(() => {
      // The image's entrypoint is a Go stand-in for k6 (e2e/fixtures/k6-standin), imported as a one-file image.
      dir = mkdtempSync(path.join(tmpdir(), 'tracelab-k6-image-'));
      const build = spawnSync('go', ['build', '-o', path.join(dir, 'k6'), path.join(root, 'e2e/fixtures/k6-standin/main.go')], {
        encoding: 'utf8',
        timeout: 300_000,
        env: { ...process.env, CGO_ENABLED: '0' },
      });
      expect({ build: build.status, stderr: build.stderr }).toEqual({ build: 0, stderr: '' });
      spawnSync('tar', ['-cf', path.join(dir, 'image.tar'), '-C', dir, 'k6']);
      const imported = spawnSync('docker', ['import', '--change', 'ENTRYPOINT ["/k6"]', path.join(dir, 'image.tar'), image], { encoding: 'utf8' });
      expect({ imported: imported.status, stderr: imported.stderr }).toEqual({ imported: 0, stderr: '' });
    }, 360_000);
    afterAll(() => {
      spawnSync('docker', ['rmi', '-f', image]);
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs that image alone on the host network, SUMMARY_JSON lands where asked, and nothing is left behind', () => {
      const before = dockerObjects();
      const { status, stderr } = load(['smoke'], { GATEWAY_URL, K6_IMAGE: image, RATE: '2.5', SUMMARY_JSON: 'seen.json', INIT_CWD: dir });
      expect(dockerObjects()).toEqual(before);
      expect({ status, refused: stderr.split('\n').filter((line) => line.startsWith('load:')) }).toEqual({ status: 0, refused: [] });
      expect(stderr).toContain(`docker run --rm --network host --user ${process.getuid!()}:${process.getgid!()}`);
      expect(JSON.parse(readFileSync(path.join(dir, 'seen.json'), 'utf8'))).toEqual({
        script: '/load/smoke.ts',
        scriptReadable: true,
        uid: process.getuid!(),
        GATEWAY_URL,
        gatewayStatus: 200,
        JAEGER_URL: 'http://localhost:16686',
        JAEGER_API_URL: 'http://localhost:16686',
        ADMIN_TOKEN: 'workshop',
        RATE: '2.5',
        SUMMARY_JSON: '/summary/seen.json',
      });
    });
  });

  it('with neither stack up, says which URLs it tried', () => {
    const { status, stderr } = load(['smoke'], { GATEWAY_URL: 'http://127.0.0.1:9' });
    expect(status).toBe(1);
    expect(stderr).toContain('no stack is running: nothing answers at http://127.0.0.1:9/healthz');
    expect(stderr).toMatch(/compose project "tracelab"|Docker is not running/);
  });

  it('with an unknown scenario, lists the scenarios', () => {
    const { status, stderr } = load(['smoek'], {});
    expect(status).toBe(2);
    expect(stderr).toContain('unknown scenario "smoek"');
    expect(stderr).toMatch(/scenarios: baseline, cascade, .*smoke, soak, spike/);
  });

  describe('with a local k6', () => {
    let bin: string;
    beforeAll(() => {
      bin = mkdtempSync(path.join(tmpdir(), 'tracelab-k6-'));
    });
    afterAll(() => rmSync(bin, { recursive: true, force: true }));

    /** A stand-in `k6` that reports `version` and records how it was run. */
    function fakeK6(version: string): string {
      const record = path.join(bin, 'run.txt');
      rmSync(record, { force: true });
      writeFileSync(
        path.join(bin, 'k6'),
        `#!/bin/sh\nif [ "$1" = version ]; then echo "k6 ${version} (commit/0123456789, go1.25.1, linux/amd64)"; exit 0; fi\n` +
          `echo "$* GATEWAY_URL=$GATEWAY_URL SUMMARY_JSON=$SUMMARY_JSON" > '${record}'\n`,
      );
      chmodSync(path.join(bin, 'k6'), 0o755);
      return record;
    }

    it('below v0.57.0 (no TypeScript without a flag), says so and what to do, and runs nothing', () => {
      const record = fakeK6('v0.56.0');
      const { status, stderr } = load(['smoke'], { GATEWAY_URL, PATH: pathWithoutK6([bin]) });
      expect(status).toBe(2);
      expect(stderr).toContain('the k6 on PATH is too old for these TypeScript scenarios ("k6 v0.56.0');
      expect(stderr).toContain('from v0.57.0');
      expect(stderr).toContain('LOAD_RUNNER=docker pnpm load smoke');
      expect(() => readFileSync(record)).toThrow();
    });

    it('from v0.57.0 runs the scenario against GATEWAY_URL, with SUMMARY_JSON as a path on this machine', () => {
      const record = fakeK6('v2.3.0');
      const { status } = load(['smoke'], { GATEWAY_URL, PATH: pathWithoutK6([bin]), SUMMARY_JSON: 'summary.json', INIT_CWD: bin });
      expect(status).toBe(0);
      expect(readFileSync(record, 'utf8').trim()).toBe(`run load/smoke.ts GATEWAY_URL=${GATEWAY_URL} SUMMARY_JSON=${path.join(bin, 'summary.json')}`);
    });
  });
});
