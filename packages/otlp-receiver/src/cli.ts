#!/usr/bin/env node
import { startReceiver } from './receiver';

/** `tracelab-receiver [--port 4318]`: a local OTLP/HTTP JSON receiver that prints what arrives. */
async function main(): Promise<void> {
  const index = process.argv.indexOf('--port');
  const port = index > 0 ? Number(process.argv[index + 1]) : 4318;
  const receiver = await startReceiver({ port, keepRawBodies: false });
  process.stdout.write(`OTLP/HTTP JSON receiver on ${receiver.url}/v1/traces and /v1/logs (GET /spans and GET /logs list them, GET /spans/count counts both, DELETE /spans clears both)\n`);
  let seen = 0;
  setInterval(() => {
    const spans = receiver.spans();
    if (spans.length === seen) return;
    const traces = new Set(spans.map((s) => s.traceId)).size;
    process.stdout.write(`${spans.length} spans in ${traces} traces\n`);
    seen = spans.length;
  }, 2000).unref();
}

void main();
