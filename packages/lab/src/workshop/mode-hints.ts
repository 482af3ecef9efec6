import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DetectedStack, type LocalStackState, sameListener } from '@tracelab/local-stack';

/** What the hints of `workshop start` depend on besides the lab: the mode that runs, and k6. */
export interface HintContext {
  stack: DetectedStack;
  /** A `k6` on PATH (or in .tools/bin). */
  k6: boolean;
  /** A `docker` on PATH: `pnpm load` can run k6's image alone against a local stack. */
  docker?: boolean;
}

const COMPOSE_JAEGER_UI = 'http://localhost:16686';

/** One line that names the mode and how it was told. */
export function modeLine({ stack }: HintContext): string {
  switch (stack.mode) {
    case 'local':
      return `The shop runs in local mode (pnpm start:local, gateway ${stack.gatewayUrl}).`;
    case 'compose':
      return `The shop runs in docker compose (gateway ${stack.gatewayUrl}).`;
    case 'other':
      return `A gateway answers at ${stack.gatewayUrl}, but neither this clone's pnpm start:local nor its docker compose runs it.`;
    case 'none':
      return `No shop answers at ${stack.gatewayUrl}: start one with pnpm start:local (no Docker) or docker compose up -d (set GATEWAY_URL if it runs elsewhere).`;
  }
}

/** Where `pnpm lab doctor` and `check` read traces by default (packages/trace-doctor). */
const DEFAULT_TRACE_URLS = { jaeger: 'http://localhost:16686', receiver: 'http://127.0.0.1:4318' } as const;

/** `--source local` and the store's URL when it is not where the doctor looks by default. */
function traceArgs(local: LocalStackState | undefined): { env: string; args: string } {
  if (!local || local.traces.store === 'external') return { env: '', args: '' };
  const { store, url } = local.traces;
  const env = sameListener(url, DEFAULT_TRACE_URLS[store]) ? '' : `${store === 'jaeger' ? 'JAEGER_URL' : 'RECEIVER_URL'}=${url} `;
  return { env, args: store === 'receiver' ? ' --source local' : '' };
}

/** Where to look at a trace: the local stack's own links, Jaeger's UI with compose. */
export function traceHints({ stack }: HintContext): string[] {
  if (stack.mode === 'local' && stack.local) {
    const { links, traces } = stack.local;
    const label = Math.max('doctor'.length, ...links.map((l) => l.label.length));
    const url = Math.max(...links.map((l) => l.url.length));
    const { env, args } = traceArgs(stack.local);
    return [
      'Where to look (local mode):',
      ...links.map((l) => `  ${l.label.padEnd(label)}  ${l.note ? `${l.url.padEnd(url)}  ${l.note}` : l.url}`),
      `  ${'doctor'.padEnd(label)}  ${env}pnpm lab doctor --last 1${args}`,
      ...(traces.store === 'jaeger' ? ["A trace reaches Jaeger about 5 s after its answer: the Collector's tail sampling waits for late spans."] : []),
      ...(traces.store === 'external' ? [`Spans go to ${traces.url} (OTEL_EXPORTER_OTLP_ENDPOINT): look for them where that endpoint keeps them.`] : []),
    ];
  }
  if (stack.mode === 'compose') {
    return [`Where to look: Jaeger ${COMPOSE_JAEGER_UI} (service gateway, operation POST /orders), or pnpm lab doctor --last 1.`];
  }
  if (stack.mode === 'other') return ['Where to look: wherever that stack keeps its traces (JAEGER_URL for pnpm lab doctor).'];
  return [];
}

/** What to run for traffic: k6 when it can run against this stack; without k6 in local mode, why it is optional. */
export function loadHints({ stack, k6, docker }: HintContext): string[] {
  if (stack.mode === 'none') return [];
  if (k6) return [`Put load on the shop: pnpm load baseline${stack.mode === 'other' ? ` (GATEWAY_URL=${stack.gatewayUrl})` : ''}.`];
  if (stack.mode === 'compose') return ['Put load on the shop: pnpm load baseline (k6 runs in its compose container).'];
  return [
    "Load is optional here: k6 is not installed, and every lab's check places its own orders.",
    'Place a few orders from the console ("Place a test order") to watch the fault.',
    docker
      ? "For steady traffic: pnpm load baseline (without k6 it runs k6's Docker image alone against this stack)."
      : 'With k6 installed (https://grafana.com/docs/k6/latest/set-up/install-k6/): pnpm load baseline.',
  ];
}

/** The check command as this mode needs it: the trace store's URL and --source when not the defaults. */
export function checkCommand(lab: string, { stack }: HintContext): string {
  const { env, args } = traceArgs(stack.mode === 'local' ? stack.local : undefined);
  return `${env}pnpm lab workshop check ${lab}${args}`;
}

/**
 * Services whose code a lab's edits change: `services/<name>/…` is that service; a file of a
 * shared package, every service that depends on the package (their package.json files say).
 */
export function changedServices(root: string, files: readonly string[]): string[] {
  const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as { name: string; dependencies?: Record<string, string> };
  const services = readdirSync(join(root, 'services')).filter((name) => existsSync(join(root, 'services', name, 'package.json')));
  const names = new Set<string>();
  for (const file of files) {
    const [top, folder] = file.split('/');
    if (top === 'services' && folder) names.add(folder);
    if (top === 'packages' && folder) {
      const pkg = readJson(`packages/${folder}/package.json`).name;
      for (const service of services) if (readJson(`services/${service}/package.json`).dependencies?.[pkg]) names.add(service);
    }
  }
  return [...names].sort();
}

/** How to run a code lab's changed code in this mode. */
export function rerunHint({ stack }: HintContext, services: string[]): string {
  switch (stack.mode) {
    case 'local':
      return 'Run the changed code: stop pnpm start:local (Ctrl-C) and start it again; it rebuilds.';
    case 'compose':
      return `Run the changed code: docker compose up -d --build ${services.join(' ')}`;
    default:
      return 'Run the changed code: pnpm start:local (it builds first), or docker compose up -d --build.';
  }
}
