export { grpcPort, SERVICES, type ServiceSpec, wiringEnv } from './services';
export { startStack, type RunningService, type Stack, type StackOptions } from './stack';
export { ensureVhost } from './vhost';
