import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { isConnectionError } from '@tracelab/db';
import { type Consumer, consumeWithTraceContext, NOTIFICATION_QUEUE } from '@tracelab/messaging';
import { APP_CONFIG, FaultWatcher } from '@tracelab/service-kit';
import { Broker } from '@tracelab/service-kit/messaging';
import type { NotificationConfig } from '../config';
import { BootWorkerQueue } from './boot-worker-queue';
import { OrderConfirmedEvent } from './order-confirmed.event';
import { NotificationsService } from './notifications.service';

type Channel = ReturnType<Broker['channel']>;

/**
 * Consumes order.confirmed from the durable queue; acks only after the confirmation is recorded.
 * Faults: queue-backlog (slower, one message at a time), lost-context (work handed to a boot-time
 * worker), consumer-link (new trace with a link instead of a child span).
 */
@Injectable()
export class NotificationsEventsController implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsEventsController.name);
  private readonly bootWorker = new BootWorkerQueue();
  private channel?: Channel;
  private consumer?: Consumer;

  constructor(
    private readonly broker: Broker,
    private readonly notificationsService: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: NotificationConfig,
    @Inject(FaultWatcher) private readonly faults: FaultWatcher,
  ) {}

  onModuleInit(): void {
    this.broker.onChannel(async (channel) => {
      this.channel = channel;
      await this.consume(channel);
    });
    // Prefetch is fixed when a consumer starts: restart it when queue-backlog changes.
    this.faults.on('queue-backlog', () => this.restart());
  }

  /** Shutdown: no new messages; those in hand are finished and acked before the broker connection closes. */
  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
    this.bootWorker.stop();
  }

  private prefetch(): number {
    return this.faults.paramsIfOn<{ prefetch: number }>('queue-backlog')?.prefetch ?? this.config.NOTIFY_PREFETCH;
  }

  private async consume(channel: Channel): Promise<void> {
    this.consumer = await consumeWithTraceContext(
      channel,
      NOTIFICATION_QUEUE,
      {
        prefetch: this.prefetch(),
        // Postgres away is no reason to dead-letter an order's e-mail.
        isTransient: isConnectionError,
        linkMode: () => (this.faults.isOn('consumer-link') ? 'link' : this.config.CONSUMER_SPAN_MODE),
        attributesOf: (payload) => {
          const orderId = (payload as { orderId?: unknown })?.orderId;
          return typeof orderId === 'string' ? { 'shop.order.id': orderId } : {};
        },
      },
      (payload) => this.handle(OrderConfirmedEvent.parse(payload)),
    );
  }

  private handle(event: OrderConfirmedEvent): Promise<void> {
    const send = () => this.notificationsService.sendConfirmation(event);
    return this.faults.isOn('lost-context') ? this.bootWorker.enqueue(send) : send();
  }

  private async restart(): Promise<void> {
    const channel = this.channel;
    if (!channel || !this.consumer) return;
    await this.consumer.stop();
    await this.consume(channel);
    this.logger.log(`consumer restarted with prefetch ${this.prefetch()}`);
  }
}
