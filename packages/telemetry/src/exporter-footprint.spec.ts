import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

/**
 * pnpm-workspace.yaml patches two OpenTelemetry packages (docs/benchmark.md):
 * - @opentelemetry/otlp-exporter-base, so that the OTLP/HTTP exporter loads node:http with
 *   require(): its own dynamic import() sets up Node's ES-module loader, which loads Node's
 *   bundled undici, in every CommonJS service;
 * - @opentelemetry/otlp-transformer, so that a trace exporter loads only its own serializer, not
 *   the metrics one (with all of @opentelemetry/sdk-metrics) and the logs one.
 * This runs a real export in a fresh process, as a service does, and lists what Node loaded for it.
 */
const exporterScript = (exporterPackage: string) => `
const http = require('node:http');
const { TracerProvider, BatchSpanProcessor } = require(${JSON.stringify(require.resolve('@opentelemetry/sdk-trace'))});
const { OTLPTraceExporter } = require(${JSON.stringify(require.resolve(exporterPackage))});
let received = 0;
const server = http.createServer((req, res) => { received += 1; req.resume(); req.on('end', () => res.end('{}')); });
server.listen(0, '127.0.0.1', async () => {
  const url = 'http://127.0.0.1:' + server.address().port + '/v1/traces';
  const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) })] });
  provider.getTracer('footprint').startSpan('one span').end();
  await provider.forceFlush();
  await provider.shutdown();
  server.close();
  const loaded = process.moduleLoadList.filter((m) => /deps\\/undici/.test(m));
  const otherSignals = Object.keys(require.cache).filter((f) => /sdk-metrics|otlp-transformer\\/dist\\/(metrics|logs)\\//.test(f));
  console.log(JSON.stringify({ received, loaded, otherSignals }));
});
`;

interface Footprint {
  received: number;
  loaded: string[];
  otherSignals: string[];
}

const footprints = new Map<string, Footprint>();

/** One real export per exporter package, shared by the tests that read what it loaded. */
function exportOnce(exporterPackage: string): Footprint {
  const known = footprints.get(exporterPackage);
  if (known) return known;
  const output = execFileSync(process.execPath, ['-e', exporterScript(exporterPackage)], {
    cwd: dirname(require.resolve('@tracelab/telemetry/package.json')),
    encoding: 'utf8',
    timeout: 20000,
  });
  const footprint = JSON.parse(output.trim().split('\n').at(-1)!) as Footprint;
  footprints.set(exporterPackage, footprint);
  return footprint;
}

const EXPORTERS = ['@opentelemetry/exporter-trace-otlp-proto', '@opentelemetry/exporter-trace-otlp-http'];

describe('the OTLP/HTTP exporters in a CommonJS process', () => {
  it.each(EXPORTERS)(
    '%s exports without loading the undici bundle of the ES-module loader',
    (exporterPackage) => {
      const { received, loaded } = exportOnce(exporterPackage);
      expect(received).toBe(1);
      expect(loaded).toEqual([]);
    },
  );

  it.each(EXPORTERS)(
    '%s exports without loading the metrics and logs serializers',
    (exporterPackage) => {
      const { received, otherSignals } = exportOnce(exporterPackage);
      expect(received).toBe(1);
      expect(otherSignals).toEqual([]);
    },
  );
});
