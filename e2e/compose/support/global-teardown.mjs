// Always removes the tier's stack (containers, network, named volumes), pass or fail.
import { down } from './stack.mjs';

export default async function globalTeardown() {
  const override = process.env.TRACELAB_COMPOSE_OVERRIDE;
  if (override) down(override);
}
