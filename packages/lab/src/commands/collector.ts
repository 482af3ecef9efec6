import { resolve } from 'node:path';
import { checkCollectorConfig, collectorConfigFile, shownPath } from '../workshop/collector-config';
import { collectorMetricsUrl, describeRates, readCollectorCounts, spanRates } from '../workshop/collector-metrics';

const ROOT = resolve(__dirname, '../../../..');
const USAGE = `usage: pnpm lab collector [--seconds <n>]

The Collector's own account, from its metrics (COLLECTOR_METRICS_URL, default
http://localhost:8888/metrics): spans per second in from the services and out to Jaeger over
<n> seconds (default 10), what filters dropped and the receiver refused, the totals since it
started, and whether its configuration file loads.`;

/** `pnpm lab collector`: the bill (spans in and out) and the Collector's health, in a few lines. */
export async function collectorCommand(argv: string[]): Promise<number> {
  const seconds = argv[0] === '--seconds' && /^\d+$/.test(argv[1] ?? '') ? Number(argv[1]) : argv.length === 0 ? 10 : undefined;
  if (!seconds) {
    console.error(USAGE);
    return 2;
  }
  let before;
  try {
    before = await readCollectorCounts();
  } catch (error) {
    console.error(`the Collector does not answer at ${collectorMetricsUrl()} (${(error as Error).message}): is the stack up?`);
    return 1;
  }
  const file = collectorConfigFile(ROOT);
  const validation = checkCollectorConfig(ROOT, file);
  const loads = validation.loads === true ? 'loads' : validation.loads === false ? `does NOT load: ${validation.error}` : 'not checked (no local otelcol)';
  console.log(`${shownPath(ROOT, file)}: ${loads}`);
  console.log(`measuring for ${seconds} s ...`);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = await readCollectorCounts();
  if (after.uptimeSeconds < before.uptimeSeconds) {
    console.log('the Collector restarted while measuring: run it again');
    return 1;
  }
  console.log(`last ${seconds} s: ${describeRates(spanRates(before, after, seconds))}`);
  console.log(
    `since it started ${Math.round(after.uptimeSeconds)} s ago: ${after.accepted} spans accepted, ${after.sentToJaeger} sent to Jaeger, ` +
      `${after.filtered} dropped by filters, ${after.refused} refused, ${after.failedToJaeger} failed to reach Jaeger`,
  );
  return 0;
}
