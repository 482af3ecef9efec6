import { z } from 'zod';

/**
 * Every fault switch (docs/faults.md). Each one breaks the app or its tracing in one place;
 * `params` are validated by `schema` and default to `defaults`.
 */
export interface FaultDefinition<P extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** Service(s) that act on it. */
  services: string[];
  description: string;
  schema: z.ZodObject<P>;
}

const define = <P extends z.ZodRawShape>(definition: FaultDefinition<P>) => definition;

export const FAULTS = [
  define({
    name: 'slow-query',
    services: ['fraud-detection'],
    description: 'Drops the index of the 2M-row customer_risk table: every risk lookup becomes a sequential scan.',
    schema: z.object({}),
  }),
  define({
    name: 'retry-storm',
    services: ['fraud-detection', 'payment'],
    description: 'fraud-detection fails a share of Score calls with UNAVAILABLE; payment retries each one with backoff.',
    schema: z.object({ failRate: z.number().min(0).max(1).default(0.5) }),
  }),
  define({
    name: 'cascade',
    services: ['fraud-detection', 'payment'],
    description: 'fraud-detection hangs; payment times out, its circuit breaker opens and orders fail fast with 503.',
    schema: z.object({ hangMs: z.number().int().min(100).max(60000).default(5000) }),
  }),
  define({
    name: 'missing-header',
    services: ['order'],
    description: 'The order → notification publish stops sending trace headers: the notification lands in a new trace.',
    schema: z.object({}),
  }),
  define({
    name: 'propagator-mismatch',
    services: ['payment'],
    description: 'One service speaks only B3 while the rest speak W3C: the trace splits at its hops.',
    schema: z.object({
      service: z.enum(['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification']).default('payment'),
      propagators: z.enum(['b3', 'b3multi']).default('b3'),
    }),
  }),
  define({
    name: 'queue-backlog',
    services: ['notification'],
    description: 'The notification worker slows down and takes one message at a time: time in the queue grows.',
    schema: z.object({ delayMs: z.number().int().min(0).max(10000).default(400), prefetch: z.number().int().min(1).max(100).default(1) }),
  }),
  define({
    name: 'n-plus-one',
    services: ['inventory'],
    description: 'inventory reserves each item with its own queries instead of one statement for all.',
    schema: z.object({}),
  }),
  define({
    name: 'lost-context',
    services: ['notification'],
    description: 'notification hands its work to an in-process queue drained by a worker started at boot: the context is lost.',
    schema: z.object({}),
  }),
  define({
    name: 'consumer-link',
    services: ['notification'],
    description: 'The RabbitMQ consumer starts a new trace with a span link to the publish span instead of a child span.',
    schema: z.object({}),
  }),
] as const;

export type FaultName = (typeof FAULTS)[number]['name'];
export const FAULT_NAMES: readonly FaultName[] = FAULTS.map((f) => f.name);

export function findFault(name: string): FaultDefinition | undefined {
  return FAULTS.find((f) => f.name === name);
}

const STRICT = new Map(FAULTS.map((f) => [f.name, f.schema.strict()] as const));
const DEFAULTS = new Map(FAULTS.map((f) => [f.name, f.schema.parse({}) as Record<string, unknown>] as const));

/** Params with defaults filled in; throws a ZodError naming each bad param. */
export function parseParams(name: FaultName, params: unknown): Record<string, unknown> {
  return STRICT.get(name)!.parse(params ?? {}) as Record<string, unknown>;
}

/** A fault's default params (computed once: every read of the switches needs them). */
export function defaultParams(name: FaultName): Record<string, unknown> {
  return { ...DEFAULTS.get(name) };
}
