import { execFileSync } from 'node:child_process';

/**
 * A RabbitMQ virtual host of its own (created with rabbitmqctl if missing), so a test, benchmark
 * or lab stack's consumers never take the messages of another stack on the same broker.
 * Returns the AMQP URL for it.
 */
export function ensureVhost(vhost: string, broker = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672'): string {
  execFileSync('rabbitmqctl', ['add_vhost', vhost], { stdio: 'ignore' });
  execFileSync('rabbitmqctl', ['set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*'], { stdio: 'ignore' });
  return `${broker.replace(/\/$/, '')}/${vhost}`;
}
