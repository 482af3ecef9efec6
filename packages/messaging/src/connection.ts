import { type ChannelModel, type ConfirmChannel, connect } from 'amqplib';

export type ChannelSetup = (channel: ConfirmChannel) => Promise<void>;

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

/**
 * One AMQP connection with one confirm channel, re-established with backoff when the broker
 * goes away. `setup` runs on every (re)connect to declare topology and start consumers.
 */
export class AmqpConnection {
  private model?: ChannelModel;
  private channel?: ConfirmChannel;
  private closing = false;
  private attempt = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly setup: ChannelSetup,
    private readonly logger: Logger,
  ) {}

  /** Resolves once connected for the first time; later losses reconnect in the background. */
  async start(): Promise<void> {
    while (!this.closing) {
      if (await this.connectOnce()) return;
      await new Promise((resolve) => {
        this.timer = setTimeout(resolve, this.backoff());
      });
    }
  }

  get ready(): boolean {
    return this.channel !== undefined;
  }

  /** The live channel, or an error naming the broker as unavailable. */
  current(): ConfirmChannel {
    if (!this.channel) throw new BrokerUnavailableError();
    return this.channel;
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    const model = this.model;
    this.channel = undefined;
    this.model = undefined;
    await model?.close().catch(() => undefined);
  }

  private backoff(): number {
    this.attempt += 1;
    return Math.min(5000, 200 * 2 ** Math.min(this.attempt, 5));
  }

  private async connectOnce(): Promise<boolean> {
    try {
      const model = await connect(this.url);
      const channel = await model.createConfirmChannel();
      const lost = (reason: string) => () => this.onLost(model, reason);
      model.on('error', () => undefined);
      model.on('close', lost('connection closed'));
      channel.on('error', () => undefined);
      channel.on('close', lost('channel closed'));
      await this.setup(channel);
      this.model = model;
      this.channel = channel;
      this.attempt = 0;
      this.logger.info({ broker: new URL(this.url).host }, 'connected to RabbitMQ');
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'RabbitMQ not reachable, retrying');
      return false;
    }
  }

  private onLost(model: ChannelModel, reason: string): void {
    if (this.model !== model || this.closing) return;
    this.channel = undefined;
    this.model = undefined;
    model.close().catch(() => undefined);
    this.logger.warn({ reason }, 'lost RabbitMQ, reconnecting');
    void this.start();
  }
}

export class BrokerUnavailableError extends Error {
  constructor() {
    super('RabbitMQ is not connected');
    this.name = 'BrokerUnavailableError';
  }
}
