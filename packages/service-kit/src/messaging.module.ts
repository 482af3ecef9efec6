import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AmqpConnection, type ChannelSetup, declareOrderEvents } from '@tracelab/messaging';
import { APP_CONFIG } from './config.module';
import { HealthRegistry } from './health';

/**
 * The service's RabbitMQ connection. Features register what to do on each (re)connect
 * (start a consumer); the order-events topology is always declared first.
 */
@Injectable()
export class Broker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Broker');
  private readonly setups: ChannelSetup[] = [declareOrderEvents];
  private readonly connection: AmqpConnection;

  constructor(@Inject(APP_CONFIG) config: { AMQP_URL: string }, health: HealthRegistry) {
    this.connection = new AmqpConnection(
      config.AMQP_URL,
      async (channel) => {
        for (const setup of this.setups) await setup(channel);
      },
      {
        info: (object, message) => this.logger.log({ ...object }, message),
        warn: (object, message) => this.logger.warn({ ...object }, message),
      },
    );
    health.register('rabbitmq', () => this.ready);
  }

  /** Connected to RabbitMQ right now. */
  get ready(): boolean {
    return this.connection.ready;
  }

  onChannel(setup: ChannelSetup): void {
    this.setups.push(setup);
  }

  channel(): ReturnType<AmqpConnection['current']> {
    return this.connection.current();
  }

  onApplicationBootstrap(): void {
    // Connects in the background: /healthz says 503 until the broker is there.
    void this.connection.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

@Global()
@Module({ providers: [Broker], exports: [Broker] })
export class MessagingModule {}
