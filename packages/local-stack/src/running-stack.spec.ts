import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clearLocalState, composeGatewayRunning, composeProject, detectStack, type LocalStackState, readLocalState, sameListener, writeLocalState } from './running-stack';

/** A stand-in for a gateway: answers /healthz as the real one does. */
async function gateway(): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A process whose command line says start-local, as `pnpm start:local`'s does. */
function fakeStartLocal(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'scripts/start-local.mjs'], { stdio: 'ignore' });
}

const state = (pid: number, gatewayUrl: string): LocalStackState => ({
  pid,
  gatewayUrl,
  traces: { store: 'jaeger', url: 'http://127.0.0.1:16686' },
  links: [{ label: 'console', url: `${gatewayUrl}/console` }],
  startedAt: new Date().toISOString(),
});

describe('detectStack', () => {
  let dir: string;
  let shop: { server: Server; url: string };
  let starter: ChildProcess;
  const noCompose = () => false;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'running-stack-'));
    shop = await gateway();
    starter = fakeStartLocal();
    await once(starter, 'spawn');
  });
  afterEach(() => {
    starter.kill('SIGKILL');
    shop.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says none when nothing answers at the gateway URL, whatever the state file says', async () => {
    writeLocalState(dir, state(starter.pid!, 'http://127.0.0.1:1'));
    expect((await detectStack({ gatewayUrl: 'http://127.0.0.1:1', root: dir, localDir: dir, composeGatewayRunning: () => true })).mode).toBe('none');
  });

  it("says local when a live start:local's state file names this gateway (localhost and 127.0.0.1 alike)", async () => {
    writeLocalState(dir, state(starter.pid!, shop.url));
    const detected = await detectStack({ gatewayUrl: shop.url.replace('127.0.0.1', 'localhost'), root: dir, localDir: dir, composeGatewayRunning: () => true });
    expect(detected.mode).toBe('local');
    expect(detected.local?.links[0]!.url).toBe(`${shop.url}/console`);
  });

  it('does not trust a state file whose process is gone, or is not a start:local, or names another gateway', async () => {
    writeLocalState(dir, state(starter.pid!, 'http://127.0.0.1:1'));
    expect((await detectStack({ gatewayUrl: shop.url, root: dir, localDir: dir, composeGatewayRunning: noCompose })).mode).toBe('other');
    writeLocalState(dir, state(process.pid, shop.url)); // alive, but Jest, not start-local
    expect(readLocalState(dir)).toBeUndefined();
    writeLocalState(dir, state(starter.pid!, shop.url));
    starter.kill('SIGKILL');
    await once(starter, 'exit');
    expect(readLocalState(dir)).toBeUndefined();
    expect((await detectStack({ gatewayUrl: shop.url, root: dir, localDir: dir, composeGatewayRunning: noCompose })).mode).toBe('other');
  });

  it("says compose when this clone's compose runs the gateway and no local stack does", async () => {
    const asked: string[] = [];
    const compose = (root: string) => (asked.push(root), true);
    expect((await detectStack({ gatewayUrl: shop.url, root: '/clone', localDir: dir, composeGatewayRunning: compose })).mode).toBe('compose');
    expect(asked).toEqual(['/clone']);
  });

  it('removes the state file only for the process that wrote it', () => {
    writeLocalState(dir, state(starter.pid!, shop.url));
    clearLocalState(dir, 12345);
    expect(readLocalState(dir)?.pid).toBe(starter.pid);
    clearLocalState(dir, starter.pid);
    expect(readLocalState(dir)).toBeUndefined();
  });
});

describe('sameListener', () => {
  it('treats the loopback names as one host and compares ports', () => {
    expect(sameListener('http://localhost:8080', 'http://127.0.0.1:8080/')).toBe(true);
    expect(sameListener('http://[::1]:8080', 'http://localhost:8080')).toBe(true);
    expect(sameListener('http://localhost:8080', 'http://localhost:8780')).toBe(false);
    expect(sameListener('http://shop.example:80', 'http://shop.example')).toBe(true);
    expect(sameListener('http://shop.example', 'http://localhost')).toBe(false);
  });
});

describe('composeGatewayRunning', () => {
  /** A `docker` on PATH that records its arguments and prints `output`. */
  function withFakeDocker(output: string, status: number, check: (dir: string, env: NodeJS.ProcessEnv) => void): void {
    const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
    try {
      writeFileSync(join(dir, 'docker'), `#!/bin/sh\necho "$*" > "${dir}/called"\nprintf '${output}'\nexit ${status}\n`);
      chmodSync(join(dir, 'docker'), 0o755);
      check(dir, { PATH: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const filters = (project: string) => `ps -q --filter label=com.docker.compose.project=${project} --filter label=com.docker.compose.service=gateway --filter status=running`;

  it("asks Docker for a running gateway container of this clone's compose project, by compose's labels", () => {
    withFakeDocker('3f2a9c1b7d4e\\n', 0, (dir, env) => {
      writeFileSync(join(dir, 'docker-compose.yml'), '# a comment\nname: shopx\nservices: {}\n');
      expect(composeGatewayRunning(dir, env)).toBe(true);
      expect(readFileSync(join(dir, 'called'), 'utf8').trim()).toBe(filters('shopx'));
      expect(composeGatewayRunning(dir, { ...env, COMPOSE_PROJECT_NAME: 'mine' })).toBe(true);
      expect(readFileSync(join(dir, 'called'), 'utf8').trim()).toBe(filters('mine'));
    });
    withFakeDocker('', 0, (dir, env) => {
      expect(composeGatewayRunning(dir, env)).toBe(false);
      expect(readFileSync(join(dir, 'called'), 'utf8').trim()).toBe(filters('tracelab'));
    });
    withFakeDocker('', 1, (dir, env) => expect(composeGatewayRunning(dir, env)).toBe(false));
  });

  it("reads this repository's project name from its docker-compose.yml", () => {
    expect(composeProject(resolve(__dirname, '../../..'), {})).toBe('tracelab');
  });

  it('is false without Docker', () => {
    expect(composeGatewayRunning(tmpdir(), { PATH: '/nonexistent' })).toBe(false);
  });
});
