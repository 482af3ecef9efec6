import type { Server } from 'node:http';
import type { Pipeline, Stack } from '@tracelab/local-stack';

export default async function globalTeardown(): Promise<void> {
  const { __tracelabStack: stack, __tracelabPipeline: pipeline, __tracelabControl: control } = globalThis as unknown as {
    __tracelabStack?: Stack;
    __tracelabPipeline?: Pipeline;
    __tracelabControl?: Server;
  };
  control?.close();
  await stack?.stop();
  await pipeline?.stop();
}
