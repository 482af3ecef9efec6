#!/usr/bin/env node
// `pnpm start:local`: builds what it needs, then runs the six services against the local
// Postgres and RabbitMQ (migrations and seed data included) until Ctrl-C.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const { startStack } = createRequire(import.meta.url)(join(root, 'packages/local-stack/dist/index.js'));

const env = {
  OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318',
};
console.log(`starting six services; traces go to ${env.OTEL_EXPORTER_OTLP_ENDPOINT} (first start seeds 2M risk rows)`);
const stack = await startStack({ env, inheritOutput: process.env.QUIET !== '1', readyTimeoutMs: 300000 });
console.log(`\nready: gateway on ${stack.gatewayUrl}  (try: curl ${stack.gatewayUrl}/products)\n`);
const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
