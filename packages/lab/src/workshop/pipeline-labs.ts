import type { ConfigEdit } from './collector-config';

/**
 * The pipeline labs: each one breaks the Collector's configuration file with exact text edits
 * (`pnpm lab workshop reset` puts the file's saved bytes back). The learner repairs the file, the
 * Collector reloads it, and the check judges what Jaeger kept.
 */
export interface PipelineLab {
  name: string;
  edits: readonly ConfigEdit[];
  /** What `start` tells the learner, after the file and how to reload it. */
  brief: string;
}

/** The shipped policies of deploy/otel-collector/config.yaml: errors, slow traces, a share of the rest. */
export const SHIPPED_POLICIES = `    policies:
      - name: keep-errors
        type: status_code
        status_code:
          status_codes: [ERROR]
      - name: keep-slow
        type: latency
        latency:
          threshold_ms: \${env:SLOW_TRACE_THRESHOLD_MS:-1000}
      - name: share-of-the-rest
        type: probabilistic
        probabilistic:
          sampling_percentage: \${env:SAMPLING_PERCENTAGE:-100}
`;

/**
 * The naive bill cutter: a random 2 %. A probabilistic policy decides on the trace id alone, as a
 * head sampler (the SDK's TraceIdRatioBased) would: whole traces, but blind to what is in them.
 * It stays in the Collector so the learner's fix is in the same file, one policy list away.
 */
export const NAIVE_POLICIES = `    # Tracing costs too much: keep a random 2 % of the traces. The decision looks at the trace id
    # only, like a head sampler in the SDKs would.
    policies:
      - name: random-two-percent
        type: probabilistic
        probabilistic:
          sampling_percentage: 2
`;

/** The filter the-silent-collector adds: it looks like it removes a duplicate; it removes a parent. */
export const SILENT_FILTER = `  # Cut the bill: each RabbitMQ message is traced twice, when order publishes it and when
  # notification takes it off the queue. The publish span already names the exchange, the routing
  # key and the message id: drop the duplicate on the consumer side.
  filter/duplicate-message-spans:
    error_mode: ignore
    traces:
      span:
        - 'attributes["messaging.operation.type"] == "process"'

`;

export const PIPELINE_LABS: readonly PipelineLab[] = [
  {
    name: 'the-bill-or-the-bug',
    edits: [{ find: SHIPPED_POLICIES, replace: NAIVE_POLICIES }],
    brief:
      'The Collector now keeps a random 2 % of the traces. Watch the bill (spans/s in and out): pnpm lab collector\n' +
      'Your task: keep every trace with an error, every trace over 1 s, and 2-5 % of the rest (tail_sampling policies).',
  },
  {
    name: 'the-silent-collector',
    edits: [
      { find: '  tail_sampling:\n', replace: `${SILENT_FILTER}  tail_sampling:\n` },
      { find: 'processors: [memory_limiter, tail_sampling, batch]', replace: 'processors: [memory_limiter, filter/duplicate-message-spans, tail_sampling, batch]' },
    ],
    brief:
      'A change to the Collector went out. Every service answers, no service logs an error.\n' +
      'Place orders, open their traces in Jaeger, ask the doctor (pnpm lab doctor) and the Collector (pnpm lab collector).',
  },
];

export const findPipelineLab = (name: string) => PIPELINE_LABS.find((lab) => lab.name === name);

/** The tail sampler's decision wait as the file sets it (an ${env:NAME:-default} read like the Collector would). */
export function decisionWaitMs(config: string, env: NodeJS.ProcessEnv = process.env): number {
  const match = /^\s*decision_wait:\s*(\S+)/m.exec(config);
  if (!match) return 0;
  const placeholder = /^\$\{env:(\w+)(?::-(.*))?\}$/.exec(match[1]!);
  const value = placeholder ? (env[placeholder[1]!] ?? placeholder[2] ?? '') : match[1]!;
  const duration = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(value);
  if (!duration) return 30_000; // a form this reader does not know: wait the longest sensible time
  return Number(duration[1]) * { ms: 1, s: 1000, m: 60_000 }[duration[2] as 'ms' | 's' | 'm'];
}
