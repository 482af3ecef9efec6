/**
 * The Helm chart (deploy/helm/tracelab), checked without a cluster: `helm lint`, `helm template`
 * for the default values and the value sets in deploy/helm/tracelab/ci/, every rendered object
 * decoded strictly into its k8s.io/api type (tools/kube-validate), parity with docker-compose.yml,
 * the generated pipeline configurations against deploy/ (and through `otelcol validate` /
 * `jaeger validate`), deploy/kubernetes.md, the init container's wait script, and the `helm test`
 * script against a fake gateway and Jaeger. helm, kube-validate, otelcol and jaeger come from
 * `pnpm tools:build` (.tools/bin); when one is missing the tests that need it fail, naming that
 * command. No cluster, no network.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const root = path.resolve(__dirname, '../..');
const chart = path.join(root, 'deploy/helm/tracelab');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function tool(name: 'helm' | 'kube-validate'): string {
  const bin = path.join(root, '.tools/bin', name);
  if (!existsSync(bin)) {
    throw new Error(`${bin} is missing: build it with \`pnpm tools:build\` (or \`node scripts/tools-build.mjs helm kube-validate\`); it needs Go >= 1.26 and the Go module proxy`);
  }
  return bin;
}

function run(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { cwd: root, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HELM_CACHE_HOME: path.join(tmpdir(), 'tracelab-helm-cache'), HELM_CONFIG_HOME: path.join(tmpdir(), 'tracelab-helm-config') } });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const helm = (...args: string[]) => run(tool('helm'), args);

const NAMESPACE = 'shop';

/** `helm template` output (hooks included) for value files and --set pairs; fails the test on error. */
function render(valueFiles: string[] = [], sets: string[] = []): string {
  const result = helm('template', 'tracelab', chart, '--namespace', NAMESPACE, ...valueFiles.flatMap((f) => ['-f', f]), ...sets.flatMap((s) => ['--set', s]));
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`);
  return result.stdout;
}

const objectsOf = (manifest: string): Json[] =>
  parseAllDocuments(manifest)
    .map((doc) => doc.toJS() as Json | null)
    .filter((o): o is Json => o !== null && typeof o === 'object');

const find = (objects: Json[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
function get(objects: Json[], kind: string, name: string): Json {
  const object = find(objects, kind, name);
  if (!object) throw new Error(`${kind}/${name} is not rendered (rendered: ${objects.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')})`);
  return object;
}
const container = (workload: Json): Json => (workload.spec.template?.spec ?? workload.spec).containers[0];
const envOf = (c: Json): Record<string, Json> => Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e]));
const decodeSecret = (secret: Json, key: string) => Buffer.from(secret.data[key], 'base64').toString('utf8');

/** The value sets tested besides the defaults: deploy/helm/tracelab/ci/*-values.yaml. */
const CI = path.join(chart, 'ci');
const VALUE_SETS: Record<string, { file?: string; external: string[] }> = {
  default: { external: [] },
  'external-postgres-rabbitmq': { file: path.join(CI, 'external-postgres-rabbitmq-values.yaml'), external: ['Secret/shop-amqp'] },
  'external-collector': { file: path.join(CI, 'external-collector-values.yaml'), external: [] },
  'no-jaeger-prometheus': { file: path.join(CI, 'no-jaeger-prometheus-values.yaml'), external: ['Secret/shop-admin'] },
};

const APP_SERVICES = ['fraud-detection', 'gateway', 'inventory', 'notification', 'order', 'payment'];

describe('helm chart deploy/helm/tracelab', () => {
  it('has a value set file in ci/ for every tested set, and nothing untested there', () => {
    const files = readdirSync(CI).map((f) => path.join(CI, f)).sort();
    expect(files).toEqual(Object.values(VALUE_SETS).flatMap((s) => (s.file ? [s.file] : [])).sort());
  });

  it.each(Object.keys(VALUE_SETS))('passes `helm lint --strict` with the %s values', (set) => {
    const file = VALUE_SETS[set]!.file;
    const result = helm('lint', '--strict', chart, ...(file ? ['-f', file] : []));
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: expect.stringContaining('1 chart(s) linted, 0 chart(s) failed') });
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
  });

  it.each(Object.keys(VALUE_SETS))('renders the %s values into objects that kube-validate accepts strictly', (set) => {
    const { file, external } = VALUE_SETS[set]!;
    const manifest = render(file ? [file] : []);
    const result = run(tool('kube-validate'), external.flatMap((e) => ['-external', e]), manifest);
    expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: expect.stringMatching(/^kube-validate: \d+ objects valid/) });
    const count = Number(/(\d+) objects valid/.exec(result.stdout)![1]);
    expect(count).toBe(objectsOf(manifest).length);
    console.log(`helm template (${set}) | kube-validate: ${result.stdout.trim()}`);
  });

  it('kube-validate rejects what the API server would: unknown fields, wrong types, bad names, dangling references', () => {
    const manifest = render();
    const broken: [string, string, RegExp][] = [
      ['an unknown field', manifest.replace('terminationGracePeriodSeconds: 15', 'terminationGracePeriod: 15'), /Deployment\/fraud-detection .*unknown field "spec.template.spec.terminationGracePeriod"/],
      ['a string where an integer belongs', manifest.replace('containerPort: 8080', 'containerPort: "http"'), /Deployment\/gateway .*cannot unmarshal string/],
      ['an unknown apiVersion', manifest.replace('apiVersion: apps/v1\nkind: StatefulSet', 'apiVersion: apps/v1beta9\nkind: StatefulSet'), /unknown apiVersion\/kind apps\/v1beta9 StatefulSet/],
      ['a probe on a port the container does not have', manifest.replace('httpGet: {path: /-/ready, port: http}', 'httpGet: {path: /-/ready, port: web}'), /Deployment\/prometheus .*no port named "web"/],
      ['a Service selecting nothing', manifest.replace(/(kind: Service\nmetadata:\n  name: jaeger[\s\S]*?selector:\n    app\.kubernetes\.io\/name: )jaeger/, '$1jaegerr'), /Service\/jaeger .*selects no rendered workload/],
      ['a Secret that is not rendered', manifest.replace('name: tracelab-admin-token\n                  key: token', 'name: tracelab-admin\n                  key: token'), /Deployment\/gateway .*Secret "tracelab-admin" is neither rendered/],
      ['a duplicate key', manifest.replace('  replicas: 1\n', '  replicas: 1\n  replicas: 2\n'), /duplicate|already set/i],
    ];
    for (const [what, text, message] of broken) {
      expect(text).not.toBe(manifest);
      const result = run(tool('kube-validate'), [], text);
      expect({ what, status: result.status }).toEqual({ what, status: 1 });
      expect({ what, output: result.stdout }).toEqual({ what, output: expect.stringMatching(message) });
    }
    // Without -external, a value set that names an existing Secret fails.
    const external = run(tool('kube-validate'), [], render([VALUE_SETS['external-postgres-rabbitmq']!.file!]));
    expect(external.status).toBe(1);
    expect(external.stdout).toMatch(/Secret "shop-amqp" is neither rendered nor declared -external/);
  });

  it('prints NOTES.txt that tells how to reach the console, the gateway and Jaeger (helm install --dry-run=client, no cluster)', () => {
    const notes = (args: string[]) => {
      const result = helm('install', 'tracelab', chart, '--namespace', NAMESPACE, '--dry-run=client', ...args);
      expect(result.status).toBe(0);
      return result.stdout.slice(result.stdout.indexOf('NOTES:'));
    };
    const defaults = notes([]);
    expect(defaults).toContain(`kubectl -n ${NAMESPACE} port-forward svc/gateway 8080:8080`);
    expect(defaults).toContain('http://localhost:8080/console');
    expect(defaults).toContain(`kubectl -n ${NAMESPACE} get secret tracelab-admin-token -o jsonpath='{.data.token}' | base64 -d`);
    expect(defaults).toContain(`kubectl -n ${NAMESPACE} port-forward svc/jaeger 16686:16686`);
    expect(defaults).toContain(`helm test tracelab -n ${NAMESPACE} --logs`);
    const exposed = notes(['-f', VALUE_SETS['no-jaeger-prometheus']!.file!]);
    expect(exposed).toContain('https://shop.example.com/');
    expect(exposed).toContain("get secret shop-admin -o jsonpath='{.data.bearer}'");
    expect(exposed).toContain('traces go to tempo-distributor.observability.svc.cluster.local:4317 (via the collector)');
    expect(exposed).not.toContain('port-forward svc/jaeger');
  });

  it('refuses values that cannot work (combinations, and values.schema.json: types, ranges, misspelt keys), saying what to set', () => {
    const cases: [string[], RegExp][] = [
      [['collector.enabled=false'], /collector.enabled=false needs otlp.endpoint/],
      [['jaeger.enabled=false'], /jaeger.enabled=false with the in-chart collector needs collector.tracesEndpoint/],
      // values.schema.json: wrong types, values out of range, and misspelt keys.
      [['adminToken.value=short'], /\/adminToken\/value': minLength: got 5, want 8/],
      [['collector.config=nope.yaml'], /\/collector\/config': value must be one of 'config.yaml', 'keep-everything.yaml'/],
      [['colector.enabled=false'], /additional properties 'colector' not allowed/],
      [['services.order.port=0'], /\/services\/order\/port': minimum: got 0, want 1/],
      [['services.shipping.port=3009'], /\/services': additional properties 'shipping' not allowed/],
      [['otel.protocol=thrift'], /\/otel\/protocol': value must be one of/],
      [['victorialogs.enabled=false'], /victorialogs.enabled=false needs victorialogs.url/],
      [['victorialogs.url=http://logs:9428'], /victorialogs.url is for a VictoriaLogs outside the chart: set victorialogs.enabled=false/],
      [['victorialogs.retentionPeriod=forever'], /\/victorialogs\/retentionPeriod': /],
    ];
    for (const [sets, message] of cases) {
      const result = helm('template', 'tracelab', chart, ...sets.flatMap((s) => ['--set', s]));
      expect({ sets, status: result.status }).toEqual({ sets, status: 1 });
      expect(result.stderr).toMatch(message);
    }
  });

  describe('default values', () => {
    const objects = () => objectsOf(render());

    it('deploys the six services (Deployment + Service), Postgres and RabbitMQ (StatefulSets), the collector, Jaeger, Prometheus and VictoriaLogs', () => {
      const o = objects();
      const names = (kind: string) => o.filter((x) => x.kind === kind).map((x) => x.metadata.name).sort();
      expect(names('Deployment')).toEqual([...APP_SERVICES, 'jaeger', 'otel-collector', 'prometheus', 'victorialogs'].sort());
      expect(names('StatefulSet')).toEqual(['postgres', 'rabbitmq']);
      expect(names('Service')).toEqual([...APP_SERVICES, 'jaeger', 'otel-collector', 'postgres', 'prometheus', 'rabbitmq', 'victorialogs'].sort());
      for (const name of APP_SERVICES) expect(container(get(o, 'Deployment', name)).image).toBe(`tracelab/${name}:local`);
    });

    it('takes images from values: repository, tag, pullPolicy, per service overrides', () => {
      const o = objectsOf(render([], ['image.repository=registry.example.com/shop', 'image.tag=1.2.3', 'image.pullPolicy=Always', 'services.order.image.repository=other/order', 'services.order.image.tag=9']));
      expect(container(get(o, 'Deployment', 'gateway'))).toMatchObject({ image: 'registry.example.com/shop/gateway:1.2.3', imagePullPolicy: 'Always' });
      expect(container(get(o, 'Deployment', 'order')).image).toBe('other/order:9');
      expect(container(get(o, 'Pod', 'tracelab-order-trace-test')).image).toBe('registry.example.com/shop/gateway:1.2.3');
    });

    it('probes /healthz for readiness, liveness and start-up, with fraud-detection allowed its seed time', () => {
      const o = objects();
      for (const name of APP_SERVICES) {
        const c = container(get(o, 'Deployment', name));
        for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) expect(c[probe].httpGet).toEqual({ path: '/healthz', port: 'http' });
        const seconds = c.startupProbe.failureThreshold * c.startupProbe.periodSeconds;
        expect({ name, seconds }).toEqual({ name, seconds: name === 'fraud-detection' ? 300 : 60 });
      }
    });

    it('sets requests and limits on every container and hardens every pod and container', () => {
      const o = objects();
      const workloads = o.filter((x) => ['Deployment', 'StatefulSet', 'Pod'].includes(x.kind));
      expect(workloads.length).toBe(13);
      for (const w of workloads) {
        const pod = w.spec.template?.spec ?? w.spec;
        const id = `${w.kind}/${w.metadata.name}`;
        expect({ id, ctx: pod.securityContext }).toMatchObject({ id, ctx: { runAsNonRoot: true, runAsUser: expect.any(Number), seccompProfile: { type: 'RuntimeDefault' } } });
        expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
          expect({ id, sc: c.securityContext }).toEqual({ id, sc: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } } });
          expect({ id, memory: c.resources?.limits?.memory, request: c.resources?.requests?.memory }).toEqual({ id, memory: expect.any(String), request: expect.any(String) });
        }
      }
    });

    it('uses the measured memory figures of the 2026-11-21 bench run (docs/benchmark.md) for the six services', () => {
      const bench = read('docs/benchmark.md');
      expect(bench).toContain('2026-11-21');
      // RSS 133-171 MB each, 76-112 MB private: limit above the largest RSS, request above the largest private.
      const [, rssMax] = /RSS \d+ MB for the six services \((\d+)–(\d+) MB each\)/.exec(bench)!.slice(1).map(Number);
      const [, privateMax] = /\*\*\d+ MB private\*\* \((\d+)–(\d+) MB each\)/.exec(bench)!.slice(1).map(Number);
      const mib = (q: string) => Number(/^(\d+)Mi$/.exec(q)![1]) * 1024 * 1024;
      for (const name of APP_SERVICES) {
        const { requests, limits } = container(get(objects(), 'Deployment', name)).resources;
        expect(mib(limits.memory)).toBeGreaterThanOrEqual(rssMax! * 1e6);
        expect(mib(requests.memory)).toBeGreaterThanOrEqual(privateMax! * 1e6);
        expect(mib(requests.memory)).toBeLessThanOrEqual(mib(limits.memory));
      }
    });

    it('requests what deploy/kubernetes.md says (900m CPU, 1,536 MiB), so it schedules on a 2-CPU kind node', () => {
      const workloads = objects().filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet');
      const sum = (kind: 'cpu' | 'memory') =>
        workloads.flatMap((w) => w.spec.template.spec.containers as Json[]).reduce((total, c) => {
          const q = String(c.resources.requests[kind]);
          const m = /^(\d+)(m|Mi|Gi)?$/.exec(q)!;
          return total + Number(m[1]) * ({ m: 1, Mi: 1, Gi: 1024, '': kind === 'cpu' ? 1000 : 1 / (1024 * 1024) } as Record<string, number>)[m[2] ?? '']!;
        }, 0);
      expect(sum('cpu')).toBe(900);
      expect(sum('memory')).toBe(1536);
      expect(read('deploy/kubernetes.md')).toContain('The release requests 900m CPU and 1,536 MiB');
    });

    it('reads the admin token, DATABASE_URL and AMQP_URL from Secrets; generates the token and passwords when not given', () => {
      const o = objects();
      const env = envOf(container(get(o, 'Deployment', 'gateway')));
      expect(env.ADMIN_TOKEN).toEqual({ name: 'ADMIN_TOKEN', valueFrom: { secretKeyRef: { name: 'tracelab-admin-token', key: 'token' } } });
      expect(decodeSecret(get(o, 'Secret', 'tracelab-admin-token'), 'token')).toMatch(/^[A-Za-z0-9]{32}$/);
      const pg = get(o, 'Secret', 'tracelab-postgres');
      expect(decodeSecret(pg, 'url')).toBe(`postgres://postgres:${decodeSecret(pg, 'password')}@postgres:5432/tracelab`);
      expect(decodeSecret(pg, 'password')).toMatch(/^[A-Za-z0-9]{32}$/);
      const mq = get(o, 'Secret', 'tracelab-rabbitmq');
      expect(decodeSecret(mq, 'url')).toBe(`amqp://tracelab:${decodeSecret(mq, 'password')}@rabbitmq:5672`);
      for (const name of APP_SERVICES) {
        const e = envOf(container(get(o, 'Deployment', name)));
        expect(e.DATABASE_URL!.valueFrom.secretKeyRef).toEqual({ name: 'tracelab-postgres', key: 'url' });
        if (name === 'order' || name === 'notification') expect(e.AMQP_URL!.valueFrom.secretKeyRef).toEqual({ name: 'tracelab-rabbitmq', key: 'url' });
      }
      // Kept across upgrades through helm `lookup` of the existing Secret.
      const helpers = readFileSync(path.join(chart, 'templates/_helpers.tpl'), 'utf8');
      expect(helpers).toMatch(/lookup "v1" "Secret" \.root\.Release\.Namespace \.secret/);
      // A given token is used as it is.
      const given = objectsOf(render([], ['adminToken.value=open-sesame-42']));
      expect(decodeSecret(get(given, 'Secret', 'tracelab-admin-token'), 'token')).toBe('open-sesame-42');
    });

    it('puts where each span ran into OTEL_RESOURCE_ATTRIBUTES from the Downward API', () => {
      for (const name of APP_SERVICES) {
        const env = envOf(container(get(objects(), 'Deployment', name)));
        expect(env.K8S_POD_NAME!.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
        expect(env.K8S_NAMESPACE_NAME!.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.namespace' } });
        expect(env.K8S_NODE_NAME!.valueFrom).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
        const attributes = Object.fromEntries(env.OTEL_RESOURCE_ATTRIBUTES!.value.split(',').map((pair: string) => pair.split('=')));
        expect(attributes).toMatchObject({
          'k8s.pod.name': '$(K8S_POD_NAME)',
          'k8s.namespace.name': '$(K8S_NAMESPACE_NAME)',
          'k8s.node.name': '$(K8S_NODE_NAME)',
          'k8s.deployment.name': name,
          'deployment.environment.name': 'kubernetes',
        });
        expect(env.OTEL_SERVICE_NAME!.value).toBe(name);
      }
    });

    it('passes OTEL_* settings from values', () => {
      const o = objectsOf(render([VALUE_SETS['external-collector']!.file!]));
      const env = envOf(container(get(o, 'Deployment', 'payment')));
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT!.value).toBe('http://otel-collector.observability.svc.cluster.local:4318');
      expect(env.OTEL_TRACES_SAMPLER!.value).toBe('parentbased_traceidratio');
      expect(env.OTEL_TRACES_SAMPLER_ARG!.value).toBe('0.5');
      expect(env.OTEL_BSP_SCHEDULE_DELAY!.value).toBe('1000');
      expect(env.OTEL_RESOURCE_ATTRIBUTES!.value).toMatch(/^deployment\.environment\.name=staging,team=checkout,k8s\.pod\.name=/);
      expect(find(o, 'Deployment', 'otel-collector')).toBeUndefined();
      expect(find(o, 'Service', 'otel-collector')).toBeUndefined();
      const grpc = envOf(container(get(objectsOf(render([], ['otel.protocol=grpc'])), 'Deployment', 'order')));
      expect([grpc.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL!.value, grpc.OTEL_EXPORTER_OTLP_ENDPOINT!.value]).toEqual(['grpc', 'http://otel-collector:4317']);
      const disabled = envOf(container(get(objectsOf(render([], ['otel.sdkDisabled=true'])), 'Deployment', 'order')));
      expect(disabled.OTEL_SDK_DISABLED!.value).toBe('true');
      expect(envOf(container(get(objects(), 'Deployment', 'order'))).TRACELAB_TELEMETRY!.value).toBe('lean');
      const auto = envOf(container(get(objectsOf(render([], ['otel.bootstrap=auto'])), 'Deployment', 'order')));
      expect(auto.TRACELAB_TELEMETRY!.value).toBe('auto');
    });

    it('has a `helm test` hook that runs the order-and-trace script in the gateway image', () => {
      const o = objects();
      const pod = get(o, 'Pod', 'tracelab-order-trace-test');
      expect(pod.metadata.annotations['helm.sh/hook']).toBe('test');
      expect(pod.spec.restartPolicy).toBe('Never');
      const c = container(pod);
      expect(c.command).toEqual(['node', '/helm-test/order-trace.mjs']);
      expect(envOf(c).JAEGER_API_URL!.value).toBe('http://jaeger:16686');
      expect(envOf(c).GATEWAY_URL!.value).toBe('http://gateway:8080');
      expect(envOf(c).EXPECTED_SERVICES!.value).toBe(APP_SERVICES.join(','));
      const script = get(o, 'ConfigMap', 'tracelab-helm-test');
      expect(script.metadata.annotations['helm.sh/hook']).toBe('test');
      expect(script.data['order-trace.mjs']).toBe(readFileSync(path.join(chart, 'files/helm-test/order-trace.mjs'), 'utf8').replace(/\n$/, ''));
    });

    it('exposes the gateway through its Service and an optional Ingress', () => {
      expect(find(objects(), 'Ingress', 'gateway')).toBeUndefined();
      const o = objectsOf(render([VALUE_SETS['no-jaeger-prometheus']!.file!]));
      const service = get(o, 'Service', 'gateway');
      expect(service.spec).toMatchObject({ type: 'NodePort', ports: [{ name: 'http', port: 8080, targetPort: 'http', nodePort: 30080 }] });
      const ingress = get(o, 'Ingress', 'gateway');
      expect(ingress.spec.rules[0]).toEqual({ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'gateway', port: { name: 'http' } } } }] } });
      expect(ingress.spec.ingressClassName).toBe('nginx');
    });
  });

  describe('alternative value sets', () => {
    it('external Postgres and RabbitMQ: no StatefulSets, the URLs from values or an existing Secret', () => {
      const o = objectsOf(render([VALUE_SETS['external-postgres-rabbitmq']!.file!]));
      expect(o.filter((x) => x.kind === 'StatefulSet')).toEqual([]);
      expect(find(o, 'Service', 'postgres')).toBeUndefined();
      expect(find(o, 'Service', 'rabbitmq')).toBeUndefined();
      expect(decodeSecret(get(o, 'Secret', 'tracelab-postgres'), 'url')).toBe('postgres://tracelab:s3cret@postgres.databases.svc.cluster.local:5432/tracelab');
      expect(find(o, 'Secret', 'tracelab-rabbitmq')).toBeUndefined();
      expect(envOf(container(get(o, 'Deployment', 'order'))).AMQP_URL!.valueFrom.secretKeyRef).toEqual({ name: 'shop-amqp', key: 'url' });
    });

    it('no Jaeger and no Prometheus: the collector sends traces to the given backend, keep-everything pipeline', () => {
      const o = objectsOf(render([VALUE_SETS['no-jaeger-prometheus']!.file!]));
      for (const name of ['jaeger', 'prometheus']) {
        expect(find(o, 'Deployment', name)).toBeUndefined();
        expect(find(o, 'Service', name)).toBeUndefined();
      }
      const c = container(get(o, 'Deployment', 'otel-collector'));
      expect(c.args).toEqual(['--config=/etc/otelcol-contrib/keep-everything.yaml']);
      expect(envOf(c).OTELCOL_JAEGER_ENDPOINT!.value).toBe('tempo-distributor.observability.svc.cluster.local:4317');
      expect(find(o, 'Secret', 'tracelab-admin-token')).toBeUndefined();
      expect(envOf(container(get(o, 'Deployment', 'gateway'))).ADMIN_TOKEN!.valueFrom.secretKeyRef).toEqual({ name: 'shop-admin', key: 'bearer' });
      expect(envOf(container(get(o, 'Pod', 'tracelab-order-trace-test'))).JAEGER_API_URL!.value).toBe('http://jaeger-query.observability.svc.cluster.local:16686');
      // Log records go to the existing VictoriaLogs; the chart runs none.
      expect(find(o, 'Deployment', 'victorialogs')).toBeUndefined();
      expect(find(o, 'Service', 'victorialogs')).toBeUndefined();
      expect(envOf(c).OTELCOL_VICTORIALOGS_URL!.value).toBe('http://victorialogs.logging.svc.cluster.local:9428');
    });

    it("links Jaeger's UI to VictoriaLogs' UI where the browser reaches it (victorialogs.uiUrl)", () => {
      const data = (o: Json[]) => get(o, 'ConfigMap', 'jaeger-config').data['ui-config.js'] as string;
      expect(data(objectsOf(render()))).toContain("var victoriaLogsUi = 'http://localhost:9428/select/vmui/';");
      expect(data(objectsOf(render([], ['victorialogs.uiUrl=https://logs.example.com/'])))).toContain("var victoriaLogsUi = 'https://logs.example.com/select/vmui/';");
    });
  });
});

describe('helm and kube-validate pins (tools/pins.json)', () => {
  const pins = JSON.parse(read('tools/pins.json')) as Record<string, Record<string, string>>;
  /** The version tools/<name>/go.mod requires of a module. */
  const required = (name: string, module: string) => new RegExp(`^\\s*(?:require\\s+)?${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+(v\\S+)`, 'm').exec(read(`tools/${name}/go.mod`))?.[1];

  it('builds Helm and kube-validate at their pins, against the same Kubernetes API release', () => {
    expect(pins.helm).toEqual({ module: 'helm.sh/helm/v4', moduleVersion: 'v4.3.2', package: 'helm.sh/helm/v4/cmd/helm' });
    expect(required('helm', 'helm.sh/helm/v4')).toBe(pins.helm!.moduleVersion);
    expect(read('tools/helm/go.mod')).toMatch(/^tool helm\.sh\/helm\/v4\/cmd\/helm$/m);
    const api = pins['kube-validate']!.moduleVersion!;
    expect(required('kube-validate', 'k8s.io/api')).toBe(api);
    expect(required('kube-validate', 'k8s.io/apimachinery')).toBe(api);
    // Helm renders for the Kubernetes release of its own k8s modules; kube-validate validates against the same.
    for (const module of ['k8s.io/api', 'k8s.io/apimachinery', 'k8s.io/client-go']) expect({ module, version: required('helm', module) }).toEqual({ module, version: api });
    const version = helm('version');
    expect(version.status).toBe(0);
    expect(version.stdout).toContain(`KubeClientVersion:"v1.${api.split('.')[1]}"`);
    expect(existsSync(path.join(root, 'tools/helm/go.sum'))).toBe(true);
    expect(existsSync(path.join(root, 'tools/kube-validate/go.sum'))).toBe(true);
  });
});

describe('helm chart parity with docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Json> };
  /** Compose-only helpers with no Kubernetes counterpart: probes and the k8s readiness gates replace them. */
  const COMPOSE_ONLY: Record<string, string> = {
    'otel-collector-ready': 'a one-shot wait for the collector; Kubernetes has readiness probes',
    'victorialogs-ready': 'a one-shot wait for VictoriaLogs; Kubernetes has readiness probes',
    k6: 'profile "load", run on demand (deploy/kubernetes.md shows k6 as a Job or from outside)',
  };
  /** Compose ${VAR:-default} resolved to its default. */
  const interpolate = (value: unknown) => String(value ?? '').replace(/\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_m, _n, fallback?: string) => fallback ?? '').replace(/\$\$/g, '$');
  const composeEnv = (name: string): Record<string, string> => Object.fromEntries(Object.entries((compose.services[name]!.environment ?? {}) as Json).map(([k, v]) => [k, interpolate(v)]));
  const objects = () => objectsOf(render());
  const workloadOf = (o: Json[], name: string) => find(o, 'Deployment', name) ?? get(o, 'StatefulSet', name);

  /** The variables a service's config schema reads (services/<name>/src/config.ts plus baseEnv). */
  function variablesRead(name: string): Set<string> {
    const keys = (text: string) => [...text.matchAll(/^\s+([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]!);
    const base = /export const baseEnv = \{([^}]*)\}/.exec(read('packages/config/src/index.ts'));
    if (!base) throw new Error('packages/config/src/index.ts: no baseEnv');
    return new Set([...keys(read(`services/${name}/src/config.ts`)), ...keys(base[1]!)]);
  }

  it('runs every compose service (except the compose-only helpers) under the same name, with the same image', () => {
    const o = objects();
    for (const [name, service] of Object.entries(compose.services)) {
      if (COMPOSE_ONLY[name]) continue;
      const workload = workloadOf(o, name);
      expect(get(o, 'Service', name)).toBeDefined();
      const image = interpolate(service.image);
      if (APP_SERVICES.includes(name)) expect(container(workload).image).toBe(image);
      else expect({ name, image: container(workload).image }).toEqual({ name, image });
    }
    const workloads = o.filter((x) => x.kind === 'Deployment' || x.kind === 'StatefulSet').map((x) => x.metadata.name).sort();
    expect(workloads).toEqual(Object.keys(compose.services).filter((n) => !COMPOSE_ONLY[n]).sort());
  });

  it('sets every environment variable compose sets, with the same value unless it is a credential or the deployment name; extras are read by the service', () => {
    const o = objects();
    const perDeployment = new Set(['OTEL_RESOURCE_ATTRIBUTES', 'DATABASE_URL', 'AMQP_URL', 'ADMIN_TOKEN']);
    for (const [name] of Object.entries(compose.services)) {
      if (COMPOSE_ONLY[name]) continue;
      const want = composeEnv(name);
      const have = envOf(container(workloadOf(o, name)));
      for (const [key, value] of Object.entries(want)) {
        expect({ name, key, set: key in have }).toEqual({ name, key, set: true });
        if (!perDeployment.has(key) && !key.startsWith('POSTGRES_')) expect({ name, key, value: have[key]!.value }).toEqual({ name, key, value });
      }
      if (!APP_SERVICES.includes(name)) continue;
      const read = variablesRead(name);
      for (const key of Object.keys(have).filter((k) => !(k in want))) {
        const known = read.has(key) || /^(NODE_OPTIONS|TRACELAB_TELEMETRY|OTEL_[A-Z0-9_]+|K8S_[A-Z_]+)$/.test(key);
        expect({ name, key, known }).toEqual({ name, key, known: true });
      }
    }
  });

  it('starts each service after what compose makes it wait for (depends_on), through its init container', () => {
    const o = objects();
    for (const name of APP_SERVICES) {
      const dependsOn = Object.keys(compose.services[name]!.depends_on ?? {}).filter((d) => !COMPOSE_ONLY[d]);
      const want = dependsOn.map((d) => (d === 'postgres' ? '$(DATABASE_URL)' : d === 'rabbitmq' ? '$(AMQP_URL)' : `http://${d}:${composeEnv(d).PORT}/healthz`));
      const init = get(o, 'Deployment', name).spec.template.spec.initContainers[0];
      expect({ name, waits: [...init.args].sort() }).toEqual({ name, waits: [...want, 'http://otel-collector:4318'].sort() });
    }
    expect(objectsOf(render([], ['waitForDependencies=false'])).some((x) => x.spec?.template?.spec?.initContainers)).toBe(false);
  });

  it('listens on the same ports and probes the same health paths', () => {
    const o = objects();
    for (const name of APP_SERVICES) {
      const env = composeEnv(name);
      const c = container(get(o, 'Deployment', name));
      const ports = Object.fromEntries(c.ports.map((p: Json) => [p.name, p.containerPort]));
      expect({ name, ports }).toEqual({ name, ports: env.GRPC_PORT ? { http: Number(env.PORT), grpc: Number(env.GRPC_PORT) } : { http: Number(env.PORT) } });
      const servicePorts = get(o, 'Service', name).spec.ports.map((p: Json) => p.port);
      expect(servicePorts).toEqual(env.GRPC_PORT ? [Number(env.PORT), Number(env.GRPC_PORT)] : [Number(env.PORT)]);
      const composeCheck = JSON.stringify(compose.services[name]!.healthcheck.test);
      const healthPath = /127\.0\.0\.1:(\d+)(\/[a-z]+)/.exec(composeCheck)!;
      expect(Number(healthPath[1])).toBe(ports.http);
      expect(c.readinessProbe.httpGet.path).toBe(healthPath[2]);
    }
    // What compose publishes on the host, the chart offers as a Service port.
    for (const [name, service] of Object.entries(compose.services)) {
      for (const mapping of (service.ports ?? []) as string[]) {
        const target = Number(interpolate(mapping).split(':').pop());
        expect({ name, target, offered: get(o, 'Service', name).spec.ports.some((p: Json) => p.port === target) }).toEqual({ name, target, offered: true });
      }
    }
  });

  it("runs VictoriaLogs with compose's flags and Go memory limit", () => {
    const c = container(get(objects(), 'Deployment', 'victorialogs'));
    expect(c.args).toEqual(compose.services.victorialogs!.command);
    expect(envOf(c).GOMEMLIMIT!.value).toBe(composeEnv('victorialogs').GOMEMLIMIT);
  });

  it('gives the infrastructure the compose memory limits and the services at least theirs', () => {
    const o = objects();
    const bytes = (value: string) => {
      const m = /^(\d+)(Mi|M)$/.exec(value)!;
      return Number(m[1]) * 1024 * 1024;
    };
    for (const [name, service] of Object.entries(compose.services)) {
      if (COMPOSE_ONLY[name]) continue;
      const composeLimit = bytes(service.deploy.resources.limits.memory);
      const chartLimit = bytes(container(workloadOf(o, name)).resources.limits.memory);
      if (APP_SERVICES.includes(name)) expect(chartLimit).toBeGreaterThanOrEqual(composeLimit);
      else expect({ name, chartLimit }).toEqual({ name, chartLimit: composeLimit });
    }
  });
});

describe('helm chart pipeline configuration is deploy/ (pnpm helm:sync)', () => {
  const COPIES: Record<string, string> = {
    'deploy/otel-collector/config.yaml': 'files/otel-collector/config.yaml',
    'deploy/otel-collector/keep-everything.yaml': 'files/otel-collector/keep-everything.yaml',
    'deploy/jaeger/config.yaml': 'files/jaeger/config.yaml',
    'deploy/jaeger/ui-config.js': 'files/jaeger/ui-config.js',
    'deploy/prometheus/prometheus.yml': 'files/prometheus/prometheus.yml',
    'deploy/rabbitmq/20-tracelab.conf': 'files/rabbitmq/20-tracelab.conf',
  };
  const header = (source: string) => `${source.endsWith('.js') ? '//' : '#'} GENERATED by \`pnpm helm:sync\` from ${source}: edit that file, not this copy.\n`;

  it('has a generated copy of every configuration file compose mounts, byte for byte after its header', () => {
    for (const [source, copy] of Object.entries(COPIES)) {
      expect({ copy, text: readFileSync(path.join(chart, copy), 'utf8') }).toEqual({ copy, text: header(source) + read(source) });
    }
    const mounted = Object.values(compose().services).flatMap((s) => (s.volumes ?? []) as string[]).filter((v) => typeof v === 'string' && v.startsWith('./deploy/')).map((v) => v.split(':')[0]!.slice(2));
    for (const source of mounted) {
      const files = statSync(path.join(root, source)).isDirectory() ? readdirSync(path.join(root, source)).map((f) => `${source}/${f}`) : [source];
      for (const file of files) expect({ file, copied: file in COPIES }).toEqual({ file, copied: true });
    }
  });

  it('renders those files unchanged into the ConfigMaps the pods mount', () => {
    const o = objectsOf(render());
    const data = (name: string, key: string) => get(o, 'ConfigMap', name).data[key];
    const copy = (source: string) => (header(source) + read(source)).replace(/\n$/, '');
    expect(data('otel-collector-config', 'config.yaml')).toBe(copy('deploy/otel-collector/config.yaml'));
    expect(data('otel-collector-config', 'keep-everything.yaml')).toBe(copy('deploy/otel-collector/keep-everything.yaml'));
    expect(data('jaeger-config', 'config.yaml')).toBe(copy('deploy/jaeger/config.yaml'));
    // With the default victorialogs.uiUrl, the UI config is the file itself.
    expect(data('jaeger-config', 'ui-config.js')).toBe(copy('deploy/jaeger/ui-config.js'));
    expect(data('prometheus-config', 'prometheus.yml')).toBe(copy('deploy/prometheus/prometheus.yml'));
    expect(data('rabbitmq-config', '20-tracelab.conf')).toBe(copy('deploy/rabbitmq/20-tracelab.conf'));
  });

  it('`pnpm helm:sync --check` passes now and fails, naming the file, once deploy/ changes', () => {
    const ok = run(process.execPath, [path.join(root, 'deploy/helm/sync-configs.mjs'), '--check']);
    expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
    const dir = mkdtempSync(path.join(tmpdir(), 'helm-sync-'));
    try {
      cpSync(path.join(root, 'deploy'), path.join(dir, 'deploy'), { recursive: true });
      writeFileSync(path.join(dir, 'deploy/jaeger/config.yaml'), `${read('deploy/jaeger/config.yaml')}\n# changed\n`);
      const stale = run(process.execPath, [path.join(dir, 'deploy/helm/sync-configs.mjs'), '--check']);
      expect(stale.status).toBe(1);
      expect(stale.stderr).toContain('deploy/helm/tracelab/files/jaeger/config.yaml differs from deploy/jaeger/config.yaml');
      const sync = run(process.execPath, [path.join(dir, 'deploy/helm/sync-configs.mjs')]);
      expect(sync.status).toBe(0);
      expect(readFileSync(path.join(dir, 'deploy/helm/tracelab/files/jaeger/config.yaml'), 'utf8')).toContain('# changed');
      expect(run(process.execPath, [path.join(dir, 'deploy/helm/sync-configs.mjs'), '--check']).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets only variables the configurations read, and their default host names resolve to chart Services', () => {
    const o = objectsOf(render());
    const services = o.filter((x) => x.kind === 'Service');
    const serves = (host: string, port: number) => services.some((s) => s.metadata.name === host && s.spec.ports.some((p: Json) => p.port === port));
    const configs: [string, string[]][] = [
      ['otel-collector', ['deploy/otel-collector/config.yaml', 'deploy/otel-collector/keep-everything.yaml']],
      ['jaeger', ['deploy/jaeger/config.yaml']],
    ];
    for (const [name, files] of configs) {
      const text = files.map(read).join('\n');
      for (const key of Object.keys(envOf(container(get(o, 'Deployment', name))))) {
        if (key === 'GOMEMLIMIT') continue; // read by the Go runtime
        expect({ name, key, read: text.includes(`\${env:${key}`) }).toEqual({ name, key, read: true });
      }
      // ${env:NAME:-host:port} and plain host:port addresses of other components.
      const addresses = [...text.matchAll(/(?:\$\{env:[A-Z0-9_]+:-)?(?:https?:\/\/)?([a-z][a-z0-9-]*):(\d+)\}?/g)].map((m) => [m[1]!, Number(m[2])] as const);
      const remote = addresses.filter(([host]) => host !== 'localhost');
      // The collector names Jaeger, Jaeger names Prometheus: at least one address each.
      expect({ name, addresses: remote.length }).toEqual({ name, addresses: expect.any(Number) });
      expect(remote.length).toBeGreaterThan(0);
      for (const [host, port] of remote) {
        expect({ name, address: `${host}:${port}`, served: serves(host, port) }).toEqual({ name, address: `${host}:${port}`, served: true });
      }
    }
    const targets = [...read('deploy/prometheus/prometheus.yml').matchAll(/'([a-z][a-z0-9-]*):(\d+)'/g)];
    expect(targets.length).toBeGreaterThan(0);
    for (const [, host, port] of targets) expect({ target: `${host}:${port}`, served: serves(host!, Number(port)) }).toEqual({ target: `${host}:${port}`, served: true });
  });

  function compose() {
    return parse(read('docker-compose.yml')) as { services: Record<string, Json> };
  }
});

describe('deploy/kubernetes.md', () => {
  const doc = read('deploy/kubernetes.md');

  it('documents every value: each one the values reference names exists, and every top-level value is named', () => {
    const values = parse(readFileSync(path.join(chart, 'values.yaml'), 'utf8')) as Json;
    const section = doc.slice(doc.indexOf('## Values reference'), doc.indexOf('\n## ', doc.indexOf('## Values reference') + 5));
    const rows = section.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows.length).toBeGreaterThan(20);
    const named = new Set<string>();
    for (const row of rows) {
      let parent = '';
      for (const [, token] of row.split(' | ')[0]!.matchAll(/`([^`]+)`/g)) {
        const absolute = token!.startsWith('.') ? parent + token : token!;
        if (!token!.startsWith('.')) parent = absolute.replace(/\.[^.]*$/, '');
        const braces = /\{([^}]+)\}/.exec(absolute);
        const expanded = braces ? braces[1]!.split(',').map((b) => absolute.replace(braces[0], b)) : [absolute];
        const exists = (candidate: string) => {
          let node: unknown = values;
          for (const key of candidate.replace(/\.\*$/, '').split('.')) node = node !== null && typeof node === 'object' ? (node as Json)[key] : undefined;
          return node !== undefined;
        };
        for (const candidate of expanded) {
          named.add(candidate.split('.')[0]!);
          // services.<name>.x: at least one service has x (grpcPort, riskRows are not everyone's).
          const found = candidate.includes('<name>') ? APP_SERVICES.some((n) => exists(candidate.replace('<name>', n))) : exists(candidate);
          expect({ value: candidate, documented: found }).toEqual({ value: candidate, documented: true });
        }
      }
    }
    for (const key of Object.keys(values)) expect({ key, named: named.has(key) }).toEqual({ key, named: true });
  });

  it('links only to files that exist, and every http://localhost:<port> has its port-forward', () => {
    const links = [...doc.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const link of links) expect({ link, exists: existsSync(path.join(root, 'deploy', link)) }).toEqual({ link, exists: true });
    const forwarded = new Set([...doc.matchAll(/port-forward svc\/[a-z-]+ (\d+):\d+/g)].map((m) => Number(m[1])));
    for (const [, port] of doc.matchAll(/http:\/\/localhost:(\d+)/g)) expect({ port, forwarded: forwarded.has(Number(port)) }).toEqual({ port, forwarded: true });
    expect(read('README.md')).toContain('[deploy/kubernetes.md](deploy/kubernetes.md)');
  });

  it('has a k6 Job that kube-validate accepts, with compose\'s k6 image and every file the scenario imports', () => {
    const job = /kubectl -n tracelab apply -f - <<'EOF'\n([\s\S]*?)\nEOF/.exec(doc)![1]!;
    const result = run(tool('kube-validate'), ['-external', 'ConfigMap/k6-load', '-external', 'Secret/tracelab-admin-token'], job);
    expect({ status: result.status, output: result.stdout }).toEqual({ status: 0, output: expect.stringContaining('1 objects valid (Job 1)') });
    const spec = (parse(job) as Json).spec.template.spec;
    const composeK6 = (parse(read('docker-compose.yml')) as Json).services.k6;
    expect(spec.containers[0].image).toBe(composeK6.image);
    const items = spec.volumes[0].configMap.items as { key: string; path: string }[];
    for (const item of items) expect(existsSync(path.join(root, 'load', item.path))).toBe(true);
    const imports = (file: string) => [...read(`load/${file}`).matchAll(/from '\.\/(?:lib\/)?([a-z-]+\.ts)'/g)].map((m) => m[1]!);
    const needed = new Set(['baseline.ts', ...imports('baseline.ts').map((f) => `lib/${f}`)]);
    for (const lib of readdirSync(path.join(root, 'load/lib'))) for (const f of imports(`lib/${lib}`)) needed.add(`lib/${f}`);
    for (const file of needed) expect({ file, mounted: items.some((i) => i.path === file) }).toEqual({ file, mounted: true });
  });
});

describe('the rendered collector and Jaeger configuration, validated by the real binaries (pnpm tools:build)', () => {
  /** A pipeline binary built by `pnpm tools:build` (otelcol, jaeger); missing fails naming the command. */
  const pipelineTool = (name: 'otelcol' | 'jaeger') => {
    const bin = path.join(root, '.tools/bin', name);
    if (!existsSync(bin)) throw new Error(`${bin} is missing: build it with \`pnpm tools:build\``);
    return bin;
  };

  /** Writes the ConfigMap the Deployment mounts, then runs `<binary> validate` with exactly the container's env. */
  function validate(o: Json[], name: 'otel-collector' | 'jaeger', env?: Record<string, string>) {
    const deployment = get(o, 'Deployment', name);
    const c = container(deployment);
    const configMap = get(o, 'ConfigMap', deployment.spec.template.spec.volumes.find((v: Json) => v.name === 'config').configMap.name);
    const mount = c.volumeMounts.find((m: Json) => m.name === 'config').mountPath as string;
    const dir = mkdtempSync(path.join(tmpdir(), 'helm-config-'));
    try {
      for (const [key, text] of Object.entries(configMap.data as Record<string, string>)) writeFileSync(path.join(dir, key), text);
      const args = (c.args as string[]).map((a) => a.replace(mount, dir));
      const configArgs = name === 'jaeger' ? ['--config', args[args.indexOf('--config') + 1]!] : args;
      const containerEnv = Object.fromEntries((c.env as Json[]).map((e) => [e.name, e.value]));
      const result = spawnSync(pipelineTool(name === 'jaeger' ? 'jaeger' : 'otelcol'), ['validate', ...configArgs], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { PATH: process.env.PATH ?? '', HOME: dir, ...containerEnv, ...env },
      });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each(Object.keys(VALUE_SETS))('accepts the %s values', (set) => {
    const file = VALUE_SETS[set]!.file;
    const o = objectsOf(render(file ? [file] : []));
    const names = (['otel-collector', 'jaeger'] as const).filter((n) => find(o, 'Deployment', n));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const result = validate(o, name);
      expect({ set, name, status: result.status, output: result.output }).toEqual({ set, name, status: 0, output: expect.any(String) });
    }
  });

  it('fails when the environment the chart sets is wrong (so the check above can fail)', () => {
    const o = objectsOf(render());
    const result = validate(o, 'otel-collector', { SAMPLING_PERCENTAGE: 'most' });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/sampling_percentage/);
    const jaeger = validate(o, 'jaeger', { JAEGER_MAX_TRACES: 'lots' });
    expect(jaeger.status).not.toBe(0);
    expect(jaeger.output).toMatch(/max_traces/);
  });
});

describe('the wait-for-dependencies init container', () => {
  it('waits until a TCP port accepts and a /healthz answers 2xx, logging host:port only (no credentials)', async () => {
    const init = get(objectsOf(render()), 'Deployment', 'order').spec.template.spec.initContainers[0];
    const [node, flag, script] = init.command as string[];
    expect([node, flag]).toEqual(['node', '-e']);
    let healthy = false;
    let asked = 0;
    const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
    const http = createServer((_req, res) => {
      asked++;
      res.writeHead(healthy ? 200 : 503).end();
    });
    const tcp = createServer();
    const [httpPort, tcpPort] = [await listen(http), await listen(tcp)];
    try {
      const child = spawn(process.execPath, ['-e', script!, `postgres://postgres:hunter2@127.0.0.1:${tcpPort}/tracelab`, `http://127.0.0.1:${httpPort}/healthz`]);
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // Still waiting while /healthz says 503.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(child.exitCode).toBeNull();
      expect(asked).toBeGreaterThan(0);
      healthy = true;
      expect(await exited).toBe(0);
      expect(output).toContain(`127.0.0.1:${tcpPort} is ready`);
      expect(output).toContain(`waiting for 127.0.0.1:${httpPort}/healthz`);
      expect(output).toContain(`127.0.0.1:${httpPort}/healthz is ready`);
      expect(output).not.toContain('hunter2');
    } finally {
      http.close();
      tcp.close();
    }
  });
});

describe('the `helm test` script (files/helm-test/order-trace.mjs)', () => {
  const script = path.join(chart, 'files/helm-test/order-trace.mjs');
  const TRACE = '0af7651916cd43dd8448eb211c80319c';

  /** OTLP JSON as Jaeger's api/v3 answers it, one resource per service. */
  function jaegerTrace(services: string[], { k8s = true, orphan = false } = {}) {
    const resourceSpans = services.map((service, i) => ({
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: service } },
          ...(k8s ? [{ key: 'k8s.pod.name', value: { stringValue: `${service}-abc` } }, { key: 'k8s.namespace.name', value: { stringValue: 'shop' } }, { key: 'k8s.node.name', value: { stringValue: 'kind-worker' } }] : []),
        ],
      },
      scopeSpans: [{ spans: [{ traceId: TRACE, spanId: `span${i}`, parentSpanId: i === 0 ? '' : orphan && i === services.length - 1 ? 'missing' : `span${i - 1}`, name: `${service} op` }] }],
    }));
    return JSON.stringify({ result: { resourceSpans } });
  }

  async function withFakes(jaegerBody: string, fn: (gateway: string, jaeger: string) => Promise<void>) {
    const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
    const orders: string[] = [];
    const gateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        orders.push(`${req.method} ${req.url} ${req.headers.baggage} ${req.headers['idempotency-key']} ${body}`);
        // The first try's outcome is unknown (504): the script retries with the same Idempotency-Key.
        const status = req.method !== 'POST' || req.url !== '/orders' ? 404 : orders.length === 1 ? 504 : 201;
        res.writeHead(status, { 'x-trace-id': TRACE, 'content-type': 'application/json' }).end('{}');
      });
    });
    const jaeger = createServer((req, res) => {
      if (req.url === `/api/v3/traces/${TRACE}`) res.writeHead(200, { 'content-type': 'application/json' }).end(jaegerBody);
      else res.writeHead(404).end();
    });
    try {
      await fn(await listen(gateway), await listen(jaeger));
      expect(orders).toHaveLength(2);
      expect(orders[0]).toMatch(/^POST \/orders synthetic=true helm-test-[0-9a-f-]{36} \{"customerId":"cust-0042"/);
      expect(orders[1]).toBe(orders[0]);
    } finally {
      gateway.close();
      jaeger.close();
    }
  }

  const runScript = (gateway: string, jaeger: string) =>
    new Promise<{ status: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [script], { env: { ...process.env, GATEWAY_URL: gateway, JAEGER_API_URL: jaeger, EXPECTED_NAMESPACE: 'shop', TIMEOUT_SECONDS: '4' } });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('close', (status) => resolve({ status, output }));
    });

  it('passes for a whole trace of the six services with k8s resource attributes', async () => {
    await withFakes(jaegerTrace(['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification']), async (gateway, jaeger) => {
      const result = await runScript(gateway, jaeger);
      expect(result).toEqual({ status: 0, output: expect.stringContaining(`PASS: trace ${TRACE} is whole: 6 spans`) });
    });
  });

  it('reads a real Jaeger answer: the api/v3 GetTrace the pipeline tier recorded (e2e/fixtures), with and without k8s attributes', async () => {
    const recorded = JSON.parse(read('e2e/fixtures/jaeger-api-v3/GetTrace.json')) as Json;
    const spans = (recorded.result.resourceSpans as Json[]).reduce((n, r) => n + (r.scopeSpans as Json[]).reduce((m, s) => m + s.spans.length, 0), 0);
    // Recorded outside Kubernetes: whole, but without k8s.* resource attributes.
    await withFakes(JSON.stringify(recorded), async (gateway, jaeger) => {
      const result = await runScript(gateway, jaeger);
      expect(result.status).toBe(1);
      expect(result.output).toMatch(/resource attributes k8s.pod.name, k8s.namespace.name, k8s.node.name missing/);
      expect(result.output).not.toMatch(/no spans from|orphan|root spans/);
    });
    for (const resource of recorded.result.resourceSpans as Json[]) {
      const service = (resource.resource.attributes as Json[]).find((a) => a.key === 'service.name')!.value.stringValue;
      resource.resource.attributes.push(
        { key: 'k8s.pod.name', value: { stringValue: `${service}-7d9c-x2` } },
        { key: 'k8s.namespace.name', value: { stringValue: 'shop' } },
        { key: 'k8s.node.name', value: { stringValue: 'kind-worker' } },
      );
    }
    await withFakes(JSON.stringify(recorded), async (gateway, jaeger) => {
      const result = await runScript(gateway, jaeger);
      expect(result).toEqual({ status: 0, output: expect.stringContaining(`is whole: ${spans} spans from fraud-detection, gateway, inventory, notification, order, payment`) });
    });
  });

  it.each([
    ['a missing service', jaegerTrace(['gateway', 'order', 'inventory', 'payment', 'fraud-detection']), /no spans from notification/],
    ['a broken hop (orphan span)', jaegerTrace(['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'], { orphan: true }), /orphan spans .*notification/],
    ['no k8s resource attributes', jaegerTrace(['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'], { k8s: false }), /gateway: resource attributes k8s.pod.name, k8s.namespace.name, k8s.node.name missing/],
  ])('fails for %s', async (_what, body, message) => {
    await withFakes(body, async (gateway, jaeger) => {
      const result = await runScript(gateway, jaeger);
      expect(result.status).toBe(1);
      expect(result.output).toMatch(message);
    });
  });
});
