/**
 * Trace context across RabbitMQ, written out by hand so it can be read, broken and fixed in
 * the workshop labs. The publisher INJECTS the active context (traceparent, tracestate,
 * baggage) into the message headers; the consumer EXTRACTS it and starts its span as a
 * child of the publish span. Lose either call and the consumer starts a new trace.
 */
import { randomUUID } from 'node:crypto';
import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';

const tracer = () => trace.getTracer('@tracelab/messaging');

/** Child (default): the consumer span continues the publisher's trace. Link: a new trace linked to it. */
export type ConsumerLinkMode = 'child' | 'link';

function messagingAttributes(exchange: string, routingKey: string, messageId: string): Attributes {
  return {
    'messaging.system': 'rabbitmq',
    'messaging.destination.name': exchange,
    'messaging.rabbitmq.destination.routing_key': routingKey,
    'messaging.message.id': messageId,
  };
}

/** Publishes a JSON message inside a PRODUCER span and waits for the broker's confirm. */
export async function publishWithTraceContext(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  payload: unknown,
  attributes: Attributes = {},
  /** false: publish without trace headers (the missing-header fault). */
  propagate = true,
): Promise<void> {
  const messageId = randomUUID();
  const span = tracer().startSpan(`publish ${exchange}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      ...messagingAttributes(exchange, routingKey, messageId),
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'publish',
      ...attributes,
    },
  });
  const headers: Record<string, string> = {};
  if (propagate) propagation.inject(trace.setSpan(context.active(), span), headers);
  try {
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        exchange,
        routingKey,
        Buffer.from(JSON.stringify(payload)),
        { persistent: true, contentType: 'application/json', messageId, timestamp: Date.now(), headers },
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export interface ConsumeOptions {
  prefetch: number;
  /** Read at every message, so a switch can change the shape without a restart. */
  linkMode: () => ConsumerLinkMode;
  /** Extra attributes for the consumer span, from the parsed payload (e.g. the order id). */
  attributesOf?: (payload: unknown) => Attributes;
  /**
   * Failures that say nothing about the message (its database briefly away): such a message is
   * requeued after `transientDelayMs` however often it fails, instead of being dead-lettered.
   */
  isTransient?: (error: unknown) => boolean;
  transientDelayMs?: number;
}

/** A running consumer. `stop` cancels it and resolves once every message it was given is settled. */
export interface Consumer {
  consumerTag: string;
  stop(): Promise<void>;
}

/**
 * Consumes JSON messages, each inside a CONSUMER span; acks only after the handler has finished,
 * so the span covers the real work and a crash mid-work redelivers the message.
 * A message that cannot be parsed, or whose handler fails twice, goes to the dead-letter queue.
 */
export async function consumeWithTraceContext(
  channel: ConfirmChannel,
  queue: string,
  options: ConsumeOptions,
  handler: (payload: unknown) => Promise<void>,
): Promise<Consumer> {
  const inFlight = new Set<Promise<void>>();
  await channel.prefetch(options.prefetch);
  const { consumerTag } = await channel.consume(
    queue,
    (message) => {
      if (!message) return;
      const handling = handleMessage(channel, queue, message, options, handler)
        .catch(() => undefined)
        .finally(() => inFlight.delete(handling));
      inFlight.add(handling);
    },
    { noAck: false },
  );
  return {
    consumerTag,
    async stop() {
      // No new deliveries; those already here are finished and acked on the still-open channel.
      await channel.cancel(consumerTag).catch(() => undefined);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

/** Acks and nacks on a channel the broker has closed throw; the broker redelivers those messages anyway. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // channel closed
  }
}

async function handleMessage(
  channel: ConfirmChannel,
  queue: string,
  message: ConsumeMessage,
  options: ConsumeOptions,
  handler: (payload: unknown) => Promise<void>,
): Promise<void> {
  const { exchange, routingKey } = message.fields;
  const messageId = String(message.properties.messageId ?? '');
  const publisherContext = propagation.extract(ROOT_CONTEXT, message.properties.headers ?? {});
  const { parent, links } = parentAndLinks(publisherContext, options.linkMode());
  const published = Number(message.properties.timestamp);
  const span = tracer().startSpan(
    `process ${routingKey}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        ...messagingAttributes(exchange, routingKey, messageId),
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'process',
        'messaging.consumer.group.name': queue,
        'messaging.rabbitmq.message.delivery_tag': message.fields.deliveryTag,
        ...(Number.isFinite(published) && published > 0 ? { 'shop.queue.wait_ms': Date.now() - published } : {}),
      },
    },
    parent,
  );
  await context.with(trace.setSpan(parent, span), async () => {
    try {
      const payload: unknown = JSON.parse(message.content.toString('utf8'));
      if (options.attributesOf) span.setAttributes(options.attributesOf(payload));
      await handler(payload);
      settle(() => channel.ack(message));
    } catch (error) {
      fail(span, error);
      const transient = options.isTransient?.(error) ?? false;
      if (transient) await new Promise((resolve) => setTimeout(resolve, options.transientDelayMs ?? 500));
      // Retry once (redelivered), then dead-letter: nothing accepted is silently dropped.
      settle(() => channel.nack(message, false, transient || (!message.fields.redelivered && !(error instanceof SyntaxError))));
    } finally {
      span.end();
    }
  });
}

function parentAndLinks(publisherContext: Context, mode: ConsumerLinkMode) {
  if (mode === 'child') return { parent: publisherContext, links: [] };
  const publisherSpan = trace.getSpanContext(publisherContext);
  // A new trace that keeps the baggage, and points back at the publish span.
  const parent = trace.deleteSpan(publisherContext);
  return { parent, links: publisherSpan ? [{ context: publisherSpan }] : [] };
}

function fail(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
  span.setAttribute('error.type', exception.name);
}
