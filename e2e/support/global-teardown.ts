import type { Stack } from '@tracelab/local-stack';
import type { Receiver } from '@tracelab/otlp-receiver';

export default async function globalTeardown(): Promise<void> {
  const { __tracelabStack: stack, __tracelabReceiver: receiver } = globalThis as unknown as {
    __tracelabStack?: Stack;
    __tracelabReceiver?: Receiver;
  };
  await stack?.stop();
  await receiver?.close();
}
