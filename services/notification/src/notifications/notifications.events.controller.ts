import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { consumeWithTraceContext, NOTIFICATION_QUEUE } from '@tracelab/messaging';
import { APP_CONFIG, Broker } from '@tracelab/service-kit';
import type { NotificationConfig } from '../config';
import { OrderConfirmedEvent } from './order-confirmed.event';
import { NotificationsService } from './notifications.service';

/** Consumes order.confirmed from the durable queue; acks only after the confirmation is recorded. */
@Injectable()
export class NotificationsEventsController implements OnModuleInit {
  constructor(
    private readonly broker: Broker,
    private readonly notificationsService: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: NotificationConfig,
  ) {}

  onModuleInit(): void {
    this.broker.onChannel((channel) =>
      consumeWithTraceContext(
        channel,
        NOTIFICATION_QUEUE,
        {
          prefetch: this.config.NOTIFY_PREFETCH,
          linkMode: () => this.config.CONSUMER_SPAN_MODE,
          attributesOf: (payload) => {
            const orderId = (payload as { orderId?: unknown })?.orderId;
            return typeof orderId === 'string' ? { 'shop.order.id': orderId } : {};
          },
        },
        (payload) => this.notificationsService.sendConfirmation(OrderConfirmedEvent.parse(payload)),
      ),
    );
  }
}
