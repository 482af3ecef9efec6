import { execFileSync } from 'node:child_process';

/**
 * A RabbitMQ virtual host of its own, so this stack's consumers never take the messages of a
 * dev or benchmark stack running on the same broker.
 */
export function ensureVhost(vhost: string): void {
  execFileSync('rabbitmqctl', ['add_vhost', vhost], { stdio: 'ignore' });
  execFileSync('rabbitmqctl', ['set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*'], { stdio: 'ignore' });
}
