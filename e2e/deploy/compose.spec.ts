/**
 * Static checks of the compose deployment: no Docker needed. Loads docker-compose.yml with
 * compose-go, the loader of `docker compose` itself, and checks that the pieces fit together (telemetry
 * wiring, collector and Jaeger pipelines, healthchecks, memory budget, published ports, links in
 * the docs).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { VICTORIALOGS_FLAGS, VICTORIALOGS_GOMEMLIMIT } from '@tracelab/local-stack';
import { requireTool } from '../support/tools';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');

/** `compose-check` (tools/compose-check, built by `pnpm tools:build`) on docker-compose.yml. */
function composeCheck(args: string[]) {
  const result = spawnSync(requireTool('compose-check'), args, { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function readYaml(relativePath: string): Json {
  const parsed: unknown = parse(readFileSync(path.join(root, relativePath), 'utf8'));
  if (!isRecord(parsed)) throw new Error(`${relativePath} is not a YAML mapping`);
  return parsed;
}

/**
 * Resolves variables to the defaults written in the file: compose's ${VAR:-default}, ${VAR-default},
 * ${VAR} and the collector's ${env:VAR:-default}.
 */
function interpolate(value: string): string {
  return value
    .replace(/\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_match, _name: string, fallback?: string) => fallback ?? '')
    .replace(/\$\$/g, '$');
}

/** Docker byte sizes: 128M, 1.5g, 512mb, 1024k, 100 (bytes). */
function bytes(value: unknown): number {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i.exec(String(value).trim());
  if (!match) throw new Error(`not a memory size: ${String(value)}`);
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2]!.toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Number(match[1]) * unit;
}

interface Published {
  service: string;
  hostPort: number;
  containerPort: number;
  hostIp: string | undefined;
}

/** Host ports a service publishes (short "ip:host:container[/proto]" syntax and long syntax). */
function publishedPorts(service: string, ports: unknown): Published[] {
  if (!Array.isArray(ports)) return [];
  return ports.map((entry): Published => {
    if (isRecord(entry)) {
      const published = entry.published === undefined ? NaN : Number(interpolate(String(entry.published)));
      return {
        service,
        hostPort: published,
        containerPort: Number(entry.target),
        hostIp: entry.host_ip === undefined ? undefined : interpolate(String(entry.host_ip)),
      };
    }
    const spec = interpolate(String(entry)).replace(/\/(tcp|udp|sctp)$/, '');
    const parts = spec.split(':');
    if (parts.length === 1) return { service, hostPort: NaN, containerPort: Number(parts[0]), hostIp: undefined };
    const containerPort = Number(parts.pop());
    const hostPort = Number(parts.pop());
    return { service, hostPort, containerPort, hostIp: parts.length > 0 ? parts.join(':') : undefined };
  });
}

const compose = readYaml('docker-compose.yml');
const services = compose.services as Record<string, Json>;

const APP_SERVICES: Record<string, { port: number; grpcPort?: number }> = {
  gateway: { port: 8080 },
  order: { port: 3001 },
  inventory: { port: 3002, grpcPort: 50051 },
  payment: { port: 3003, grpcPort: 50052 },
  'fraud-detection': { port: 3004, grpcPort: 50053 },
  notification: { port: 3005 },
};

/** The only host ports anything may publish, and who publishes them. */
const ALLOWED_PORTS: Record<number, string> = {
  8080: 'gateway',
  16686: 'jaeger',
  15672: 'rabbitmq',
  9090: 'prometheus',
  4317: 'otel-collector',
  4318: 'otel-collector',
  9428: 'victorialogs',
  8888: 'otel-collector',
};

const BUDGET_BYTES = 1.5 * 1024 ** 3;

function environmentOf(service: Json): Record<string, string> {
  const env = service.environment;
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((line) => {
        const [key, ...rest] = String(line).split('=');
        return [key!, rest.join('=')];
      }),
    );
  }
  if (isRecord(env)) return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v ?? ''))]));
  return {};
}

const inDefaultProfile = (service: Json): boolean => !Array.isArray(service.profiles) || service.profiles.length === 0;

/** The variables a service's zod schema (services/<name>/src/config.ts) reads, LOG_LEVEL & co. from baseEnv included. */
function variablesRead(name: string): Set<string> {
  const keys = (text: string) => [...text.matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((match) => match[1]!);
  const schema = readFileSync(path.join(root, 'services', name, 'src', 'config.ts'), 'utf8');
  const config = readFileSync(path.join(root, 'packages', 'config', 'src', 'index.ts'), 'utf8');
  const baseEnv = /export const baseEnv = \{([^}]*)\}/.exec(config);
  if (!baseEnv) throw new Error('packages/config/src/index.ts: no baseEnv');
  return new Set([...keys(schema), ...keys(baseEnv[1]!)]);
}

/** Read by Node itself and by the telemetry bootstrap (packages/telemetry), not by the config schemas. */
const RUNTIME_VARIABLE = /^(NODE_OPTIONS|TRACELAB_TELEMETRY|OTEL_[A-Z0-9_]+)$/;

const COMPOSE_DATABASE_URL = 'postgres://postgres:postgres@postgres:5432/tracelab';

/** A container that runs once and exits (restart "no", no healthcheck), like otel-collector-ready. */
const isOneShot = (service: Json) => service.restart === 'no' && service.healthcheck === undefined;

/** A one-shot probe (otel-collector-ready) that waits for `name` from outside its container. */
const probeOf = (name: string) =>
  Object.entries(services).find(
    ([, service]) => isOneShot(service) && ((service.depends_on as Json | undefined)?.[name] as Json | undefined)?.condition === 'service_started',
  )?.[0];

describe('docker-compose.yml', () => {
  it('loads as `docker compose` loads it (compose-go: interpolation, schema, semantics), with every profile and switch', () => {
    for (const env of [[], ['OTEL_COLLECTOR_CONFIG=keep-everything.yaml', 'SAMPLING_PERCENTAGE=10', 'BIND_ADDRESS=0.0.0.0']]) {
      const project = composeCheck(['-profile', '*', ...env.flatMap((e) => ['-env', e])]);
      expect(project.status).toBe(0);
      const resolved = JSON.parse(project.stdout) as { services: Record<string, { image: string }> };
      expect(Object.keys(resolved.services).sort()).toEqual(Object.keys(services).sort());
    }
  });

  it('is refused by the same loader when broken: an unknown dependency, a bad key, a missing mount', () => {
    const broken = [
      ['depends_on: a service that does not exist', (text: string) => text.replace('condition: service_healthy', 'condition: service_healthy\n      nowhere:\n        condition: service_started'), /nowhere/],
      ['a key the Compose schema does not know', (text: string) => text.replace(/^services:\n/m, 'services:\n  extra:\n    image: busybox:1.37\n    restartt: always\n'), /restartt/],
      ['a bind mount whose source is missing', (text: string) => text.replace('./deploy/prometheus/prometheus.yml', './deploy/prometheus/missing.yml'), /missing\.yml, which does not exist/],
    ] as const;
    for (const [what, edit, message] of broken) {
      const dir = mkdtempSync(path.join(tmpdir(), 'compose-check-'));
      try {
        cpSync(path.join(root, 'deploy'), path.join(dir, 'deploy'), { recursive: true });
        cpSync(path.join(root, 'Dockerfile'), path.join(dir, 'Dockerfile'));
        writeFileSync(path.join(dir, 'docker-compose.yml'), edit(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')));
        const result = composeCheck(['-f', path.join(dir, 'docker-compose.yml')]);
        expect({ what, status: result.status }).toEqual({ what, status: 1 });
        expect(result.stderr).toMatch(message);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('defines the six services, each built from the root Dockerfile for itself', () => {
    for (const name of Object.keys(APP_SERVICES)) {
      const service = services[name];
      expect(service).toBeDefined();
      const build = service!.build as Json;
      expect(build).toMatchObject({ context: '.', dockerfile: 'Dockerfile' });
      expect((build.args as Json).SERVICE).toBe(name);
    }
    expect(existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('configures telemetry of every app service through standard OTEL_* variables and the bootstrap choice', () => {
    for (const [name, { port, grpcPort }] of Object.entries(APP_SERVICES)) {
      const env = environmentOf(services[name]!);
      expect({ name, value: env.TRACELAB_TELEMETRY }).toEqual({ name, value: 'lean' });
      expect({ name, value: env.OTEL_SERVICE_NAME }).toEqual({ name, value: name });
      expect({ name, value: env.OTEL_EXPORTER_OTLP_ENDPOINT }).toEqual({ name, value: 'http://otel-collector:4318' });
      expect(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL).toBe('http/protobuf');
      expect(env.OTEL_RESOURCE_ATTRIBUTES).toContain('deployment.environment.name=compose');
      expect(Number(env.PORT)).toBe(port);
      if (grpcPort !== undefined) expect(Number(env.GRPC_PORT)).toBe(grpcPort);
      // The healthcheck probes the port the service listens on.
      expect(JSON.stringify((services[name]!.healthcheck as Json).test)).toContain(`127.0.0.1:${port}/healthz`);
    }
  });

  it('wires the services to each other as the system expects', () => {
    const env = (name: string) => environmentOf(services[name]!);
    expect(env('gateway').ORDER_URL).toBe('http://order:3001');
    expect(env('order').INVENTORY_GRPC_URL).toBe('inventory:50051');
    expect(env('order').PAYMENT_GRPC_URL).toBe('payment:50052');
    expect(env('payment').FRAUD_GRPC_URL).toBe('fraud-detection:50053');
    for (const name of ['order', 'notification']) expect(env(name).AMQP_URL).toBe('amqp://guest:guest@rabbitmq:5672');
  });

  it('has a config schema for every app service and an app service for every schema', () => {
    const withSchema = readdirSync(path.join(root, 'services')).filter((name) =>
      existsSync(path.join(root, 'services', name, 'src', 'config.ts')),
    );
    expect(withSchema.sort()).toEqual(Object.keys(APP_SERVICES).sort());
  });

  it('sets only variables the service reads, each spelled as its config schema spells it', () => {
    for (const name of Object.keys(APP_SERVICES)) {
      const read = variablesRead(name);
      for (const variable of Object.keys(environmentOf(services[name]!))) {
        const known = read.has(variable) || RUNTIME_VARIABLE.test(variable);
        expect({ service: name, variable, readByTheService: known }).toEqual({ service: name, variable, readByTheService: true });
      }
    }
  });

  it('gives every service that reads DATABASE_URL the database, and starts it after Postgres is healthy', () => {
    const readers = Object.keys(APP_SERVICES).filter((name) => variablesRead(name).has('DATABASE_URL'));
    // Fault switches live in Postgres: all six read it (gateway and payment only for the switches).
    expect(readers.sort()).toEqual(Object.keys(APP_SERVICES).sort());
    for (const name of readers) {
      expect({ name, DATABASE_URL: environmentOf(services[name]!).DATABASE_URL }).toEqual({ name, DATABASE_URL: COMPOSE_DATABASE_URL });
      const postgres = ((services[name]!.depends_on as Json | undefined) ?? {}).postgres as Json | undefined;
      expect({ name, postgres: postgres?.condition }).toEqual({ name, postgres: 'service_healthy' });
    }
  });

  it('gives the gateway its admin token and the Jaeger UI address of the browser', () => {
    const env = environmentOf(services.gateway!);
    // The schema's default and minimum length (8).
    expect(env.ADMIN_TOKEN).toBe('workshop');
    expect(env.ADMIN_TOKEN!.length).toBeGreaterThanOrEqual(8);
    // Links in the console open in the learner's browser: the published Jaeger port, not the compose name.
    expect(env.JAEGER_UI_URL).toBe('http://localhost:16686');
    const jaegerPorts = publishedPorts('jaeger', services.jaeger!.ports).map((port) => port.hostPort);
    expect(jaegerPorts).toContain(Number(new URL(env.JAEGER_UI_URL!).port));
    // The load tests switch faults with the same token.
    expect(environmentOf(services.k6!).ADMIN_TOKEN).toBe(env.ADMIN_TOKEN);
    // The console's trace page reads Jaeger server-side: by its compose name, inside the network.
    expect(env.TRACE_SOURCE).toBe('jaeger');
    expect(new URL(env.JAEGER_QUERY_URL!)).toMatchObject({ hostname: 'jaeger', port: '16686' });
  });

  it('probes the collector from outside (its image has no shell) and makes every service wait for the probe', () => {
    expect(probeOf('otel-collector')).toBe('otel-collector-ready');
    expect(JSON.stringify(services['otel-collector-ready']!.command)).toContain('http://otel-collector:13133/');
    for (const name of Object.keys(APP_SERVICES)) {
      expect({ name, waits: ((services[name]!.depends_on as Json)['otel-collector-ready'] as Json | undefined)?.condition }).toEqual({
        name,
        waits: 'service_completed_successfully',
      });
    }
  });

  it('probes VictoriaLogs from outside (its image is distroless) and starts the collector once it answers', () => {
    expect(probeOf('victorialogs')).toBe('victorialogs-ready');
    expect(JSON.stringify(services['victorialogs-ready']!.command)).toContain('http://victorialogs:9428/health');
    expect(((services['otel-collector']!.depends_on as Json)['victorialogs-ready'] as Json).condition).toBe('service_completed_successfully');
  });

  it("runs VictoriaLogs with local mode's flags, a named volume, a Go memory limit under its container limit and its UI on 127.0.0.1", () => {
    const victorialogs = services.victorialogs!;
    const command = victorialogs.command as string[];
    expect(command).toEqual(['-storageDataPath=/victoria-logs-data', '-httpListenAddr=:9428', ...VICTORIALOGS_FLAGS]);
    expect(victorialogs.volumes).toEqual(['victorialogs-data:/victoria-logs-data']);
    expect(Object.keys(compose.volumes as Json)).toContain('victorialogs-data');
    expect(environmentOf(victorialogs).GOMEMLIMIT).toBe(VICTORIALOGS_GOMEMLIMIT);
    const limit = bytes(((victorialogs.deploy as Json).resources as Json & { limits: Json }).limits.memory);
    expect(bytes(VICTORIALOGS_GOMEMLIMIT.replace('MiB', 'M'))).toBeLessThan(limit);
    expect(publishedPorts('victorialogs', victorialogs.ports)).toEqual([{ service: 'victorialogs', hostPort: 9428, containerPort: 9428, hostIp: '127.0.0.1' }]);
  });

  it("mounts the Jaeger UI configuration that links a trace to its log lines", () => {
    expect(services.jaeger!.volumes).toContain('./deploy/jaeger/ui-config.js:/etc/jaeger/ui-config.js:ro');
    const query = ((readYaml('deploy/jaeger/config.yaml').extensions as Json).jaeger_query as Json).ui as Json;
    expect(interpolate(String(query.config_file))).toBe('/etc/jaeger/ui-config.js');
  });

  it('gives every long-running container a healthcheck (the collector: its probe above)', () => {
    for (const [name, service] of Object.entries(services).filter(([name, service]) => !isOneShot(service) && !probeOf(name))) {
      const healthcheck = service.healthcheck as Json | undefined;
      expect({ name, healthcheck: isRecord(healthcheck) }).toEqual({ name, healthcheck: true });
      expect({ name, disabled: healthcheck!.disable === true }).toEqual({ name, disabled: false });
      const test = healthcheck!.test;
      expect({ name, test: Array.isArray(test) && ['CMD', 'CMD-SHELL'].includes(String(test[0])) }).toEqual({
        name,
        test: true,
      });
    }
  });

  it('starts in dependency order through healthchecks only', () => {
    for (const [name, service] of Object.entries(services)) {
      const dependsOn = service.depends_on;
      if (dependsOn === undefined) continue;
      expect({ name, mapping: isRecord(dependsOn) }).toEqual({ name, mapping: true });
      for (const [dependency, spec] of Object.entries(dependsOn as Json)) {
        expect({ name, dependency, exists: dependency in services }).toEqual({ name, dependency, exists: true });
        // A one-shot must have finished; a probe starts beside what it probes; the rest must be healthy.
        const condition = isOneShot(services[dependency]!)
          ? 'service_completed_successfully'
          : probeOf(dependency) === name
            ? 'service_started'
            : 'service_healthy';
        expect({ name, dependency, condition: (spec as Json).condition }).toEqual({ name, dependency, condition });
      }
    }
    // No cycles: a topological order exists.
    const pending = new Map(
      Object.entries(services).map(([name, service]) => [name, new Set(Object.keys((service.depends_on as Json) ?? {}))]),
    );
    while (pending.size > 0) {
      const ready = [...pending].filter(([, deps]) => [...deps].every((dep) => !pending.has(dep))).map(([name]) => name);
      expect({ cycleAmong: ready.length === 0 ? [...pending.keys()] : [] }).toEqual({ cycleAmong: [] });
      for (const name of ready) pending.delete(name);
    }
  });

  it('limits the memory of every container and keeps the always-on stack within 1.5 GiB', () => {
    let total = 0;
    for (const [name, service] of Object.entries(services)) {
      const limit = ((((service.deploy as Json | undefined)?.resources as Json | undefined)?.limits as Json | undefined)
        ?.memory ?? service.mem_limit) as unknown;
      expect({ name, hasLimit: limit !== undefined }).toEqual({ name, hasLimit: true });
      if (inDefaultProfile(service) && !isOneShot(service)) total += bytes(limit);
    }
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      const image = String(service.image ?? '');
      expect({ name, image, pinned: /:[^:/]+$/.test(image) && !image.endsWith(':latest') }).toEqual({
        name,
        image,
        pinned: true,
      });
    }
  });

  it('publishes only the allowed ports, each by its service', () => {
    const published = Object.entries(services).flatMap(([name, service]) => publishedPorts(name, service.ports));
    for (const port of published) {
      expect({ ...port, allowed: ALLOWED_PORTS[port.hostPort] === port.service }).toEqual({ ...port, allowed: true });
      expect(port.containerPort).toBe(port.hostPort);
    }
    expect(new Set(published.map((port) => port.hostPort))).toEqual(new Set(Object.keys(ALLOWED_PORTS).map(Number)));
  });

  it('runs k6 only on demand, with the load scripts and the addresses it needs', () => {
    const k6 = services.k6!;
    expect(k6.profiles).toEqual(['load']);
    expect(k6.volumes).toContain('./load:/load:ro');
    // SUMMARY_JSON=/out/... survives the container (--rm) in ./load/out, which git ignores.
    expect(k6.volumes).toContain('./load/out:/out');
    const env = environmentOf(k6);
    expect(env.GATEWAY_URL).toBe('http://gateway:8080');
    expect(env.JAEGER_URL).toBe('http://localhost:16686');
  });
});

describe('load tests in compose', () => {
  const loadDir = path.join(root, 'load');
  const scripts = readdirSync(loadDir).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));

  it('forwards every variable the k6 scripts read into the k6 container (load/run.mjs)', () => {
    const sources = [...scripts, ...readdirSync(path.join(loadDir, 'lib')).map((name) => `lib/${name}`)]
      .filter((name) => name.endsWith('.ts'))
      .map((name) => readFileSync(path.join(loadDir, name), 'utf8'))
      .join('\n');
    const read = new Set(
      [...sources.matchAll(/(?:env(?:Number|String|Count|Ms|Duration)\(\s*'([A-Z][A-Z0-9_]*)'|__ENV\.([A-Z][A-Z0-9_]*))/g)].map((m) => (m[1] ?? m[2])!),
    );
    const runner = readFileSync(path.join(loadDir, 'run.mjs'), 'utf8');
    const passthrough = /const PASSTHROUGH = \[([^\]]*)\]/.exec(runner);
    expect(passthrough).not.toBeNull();
    const forwarded = new Set([...passthrough![1]!.matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]!));
    expect([...read].filter((name) => !forwarded.has(name)).sort()).toEqual([]);
  });

  it('documents every scenario in docs/load.md', () => {
    const docs = readFileSync(path.join(root, 'docs', 'load.md'), 'utf8');
    for (const script of scripts) {
      const scenario = script.slice(0, -3);
      expect({ scenario, inTable: docs.includes(`| \`${scenario}\` |`) }).toEqual({ scenario, inTable: true });
    }
  });
});

describe('otel-collector configuration', () => {
  const collector = services['otel-collector']!;
  const mount = (collector.volumes as string[]).find((volume) => volume.includes('/etc/otelcol-contrib'));

  it('is mounted from deploy/otel-collector and selects config.yaml by default', () => {
    expect(mount).toBe('./deploy/otel-collector:/etc/otelcol-contrib:ro');
    expect(interpolate(String((collector.command as string[])[0]))).toBe('--config=/etc/otelcol-contrib/config.yaml');
  });

  for (const file of ['config.yaml', 'keep-everything.yaml']) {
    describe(file, () => {
      const config = readYaml(`deploy/otel-collector/${file}`);
      const defined = (section: string) => new Set(Object.keys((config[section] as Json | undefined) ?? {}));
      const service = config.service as Json;
      const pipelines = service.pipelines as Record<string, Json>;

      it('names only defined components in its pipelines, memory_limiter first', () => {
        const receivers = defined('receivers');
        const processors = defined('processors');
        const exporters = defined('exporters');
        const connectors = defined('connectors');
        for (const [name, pipeline] of Object.entries(pipelines)) {
          for (const id of pipeline.receivers as string[]) {
            expect({ pipeline: name, receiver: id, defined: receivers.has(id) || connectors.has(id) }).toEqual({
              pipeline: name,
              receiver: id,
              defined: true,
            });
          }
          const ids = (pipeline.processors as string[] | undefined) ?? [];
          for (const id of ids) {
            expect({ pipeline: name, processor: id, defined: processors.has(id) }).toEqual({
              pipeline: name,
              processor: id,
              defined: true,
            });
          }
          expect({ pipeline: name, first: ids[0] }).toEqual({ pipeline: name, first: 'memory_limiter' });
          for (const id of pipeline.exporters as string[]) {
            expect({ pipeline: name, exporter: id, defined: exporters.has(id) || connectors.has(id) }).toEqual({
              pipeline: name,
              exporter: id,
              defined: true,
            });
          }
        }
        for (const id of (service.extensions as string[] | undefined) ?? []) expect(defined('extensions').has(id)).toBe(true);
      });

      it("sends every log record to VictoriaLogs' OTLP endpoint as protobuf, trace_id not a stream field, queued and retried for a bounded time", () => {
        expect(pipelines.logs).toEqual({ receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlp_http/victorialogs'] });
        const exporter = (config.exporters as Record<string, Json>)['otlp_http/victorialogs']!;
        expect(interpolate(String(exporter.logs_endpoint))).toBe('http://victorialogs:9428/insert/opentelemetry/v1/logs');
        expect(exporter.encoding).toBe('proto');
        const streamFields = String((exporter.headers as Json)['VL-Stream-Fields']).split(',');
        expect(streamFields).toEqual(['service.name', 'deployment.environment.name']);
        expect((exporter.sending_queue as Json).enabled).toBe(true);
        expect((exporter.retry_on_failure as Json).max_elapsed_time).toBe('60s');
      });

      it('uses every connector as an exporter in one pipeline and a receiver in another', () => {
        for (const connector of defined('connectors')) {
          const asExporter = Object.values(pipelines).some((p) => (p.exporters as string[]).includes(connector));
          const asReceiver = Object.values(pipelines).some((p) => (p.receivers as string[]).includes(connector));
          expect({ connector, asExporter, asReceiver }).toEqual({ connector, asExporter: true, asReceiver: true });
        }
      });

      it('feeds span metrics from unsampled traces and sends sampled traces to Jaeger', () => {
        const spanmetricsFedBy = Object.entries(pipelines).filter(([, p]) => (p.exporters as string[]).includes('spanmetrics'));
        expect(spanmetricsFedBy.length).toBe(1);
        const [, feeder] = spanmetricsFedBy[0]!;
        expect(feeder.receivers).toEqual(['otlp']);
        expect(feeder.processors as string[]).not.toContain('tail_sampling');
        const exporters = config.exporters as Record<string, Json>;
        const jaeger = Object.entries(exporters).find(([, e]) => interpolate(String(e.endpoint)) === 'jaeger:4317');
        expect(jaeger).toBeDefined();
        expect((jaeger![1].tls as Json).insecure).toBe(true);
        expect(interpolate(String((exporters.prometheus as Json).endpoint))).toBe('0.0.0.0:8889');
        const otlp = (config.receivers as Json).otlp as Json;
        const protocols = otlp.protocols as Record<string, Json>;
        expect(interpolate(String(protocols.grpc!.endpoint))).toBe('0.0.0.0:4317');
        expect(interpolate(String(protocols.http!.endpoint))).toBe('0.0.0.0:4318');
      });
    });
  }

  it('tail-samples: all errors, all slow traces, a configurable share of the rest', () => {
    const config = readYaml('deploy/otel-collector/config.yaml');
    const sampling = (config.processors as Json).tail_sampling as Json;
    const policies = sampling.policies as Json[];
    const byType = Object.fromEntries(policies.map((policy) => [policy.type, policy]));
    expect((byType.status_code!.status_code as Json).status_codes).toEqual(['ERROR']);
    expect(interpolate(String((byType.latency!.latency as Json).threshold_ms))).toBe('1000');
    const share = String((byType.probabilistic!.probabilistic as Json).sampling_percentage);
    expect(share).toContain('SAMPLING_PERCENTAGE');
    expect(interpolate(share)).toBe('100');
    expect(environmentOf(services['otel-collector']!).SAMPLING_PERCENTAGE).toBe('100');
  });
});

describe('jaeger configuration', () => {
  const config = readYaml('deploy/jaeger/config.yaml');

  it('names only defined components in its pipelines', () => {
    const service = config.service as Json;
    for (const [name, pipeline] of Object.entries(service.pipelines as Record<string, Json>)) {
      for (const section of ['receivers', 'processors', 'exporters'] as const) {
        for (const id of (pipeline[section] as string[] | undefined) ?? []) {
          expect({ pipeline: name, [section]: id, defined: id in ((config[section] as Json) ?? {}) }).toEqual({
            pipeline: name,
            [section]: id,
            defined: true,
          });
        }
      }
    }
    for (const id of service.extensions as string[]) expect(id in (config.extensions as Json)).toBe(true);
  });

  it('stores traces in bounded memory and reads SPM metrics from Prometheus', () => {
    const extensions = config.extensions as Json;
    const query = extensions.jaeger_query as Json;
    const storage = extensions.jaeger_storage as Json;
    const { traces, metrics } = query.storage as { traces: string; metrics: string };
    const memory = ((storage.backends as Json)[traces] as Json).memory as Json;
    expect(Number(interpolate(String(memory.max_traces)))).toBeGreaterThan(0);
    const prometheus = ((storage.metric_backends as Json)[metrics] as Json).prometheus as Json;
    expect(interpolate(String(prometheus.endpoint))).toBe('http://prometheus:9090');
    // Matches the collector's prometheus exporter names: traces_span_metrics_calls_total, ..._duration_milliseconds_bucket.
    expect(prometheus.normalize_calls).toBe(true);
    expect(prometheus.normalize_duration).toBe(true);
    expect(interpolate(String((query.http as Json).endpoint))).toBe('0.0.0.0:16686');
    const exporter = (config.exporters as Json).jaeger_storage_exporter as Json;
    expect(exporter.trace_storage).toBe(traces);
  });
});

describe('prometheus configuration', () => {
  it('scrapes the span metrics the collector exposes', () => {
    const config = readYaml('deploy/prometheus/prometheus.yml');
    const targets = (config.scrape_configs as Json[]).flatMap((job) =>
      (job.static_configs as Json[]).flatMap((sc) => sc.targets as string[]),
    );
    expect(targets).toContain('otel-collector:8889');
  });
});

describe('links in the docs', () => {
  const published = new Set(
    Object.entries(services).flatMap(([name, service]) => publishedPorts(name, service.ports).map((port) => port.hostPort)),
  );
  const documents = ['README.md', 'docs/load.md', 'deploy/README.md'];

  for (const document of documents) {
    const file = path.join(root, document);
    (existsSync(file) ? it : it.skip)(`${document}: every http://localhost:<port> is a published port`, () => {
      const text = readFileSync(file, 'utf8');
      // localhost: compose's published ports. 127.0.0.1 is for in-container addresses (healthchecks)
      // and for local mode's own (README, "Local mode").
      const ports = [...text.matchAll(/https?:\/\/localhost:(\d+)/g)].map((match) => Number(match[1]));
      for (const port of ports) expect({ document, port, published: published.has(port) }).toEqual({ document, port, published: true });
    });
  }
});
