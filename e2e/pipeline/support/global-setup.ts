import { ensureVhost, startPipeline } from '@tracelab/local-stack';
import { startServices, switchFaultsOff } from '../../support/global-setup';
import { AMQP_VHOST, LOG_DIR, PORT_OFFSET } from '../../support/env';
import { serveCollectorControl } from './collector-control';
import { PIPELINE_ENV } from './pipeline-env';

/** Starts Prometheus, Jaeger, VictoriaLogs and the Collector from .tools/bin, then the six services exporting traces and logs to it. */
export default async function globalSetup(): Promise<void> {
  ensureVhost(AMQP_VHOST);
  await switchFaultsOff();
  const pipeline = await startPipeline({ portOffset: PORT_OFFSET, logDir: LOG_DIR, prometheus: true, victorialogs: true, pinnedOnly: true, collectorEnv: PIPELINE_ENV });
  const stack = await startServices({
    OTEL_EXPORTER_OTLP_ENDPOINT: pipeline.otlpHttpUrl,
    // As in docker-compose.yml.
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=pipeline',
    JAEGER_UI_URL: pipeline.jaegerUrl,
    // The console's trace page reads this Jaeger's api/v3, as in docker-compose.yml.
    TRACE_SOURCE: 'jaeger',
    JAEGER_QUERY_URL: pipeline.jaegerUrl,
  }).catch(async (error: unknown) => {
    await pipeline.stop();
    throw error;
  });
  process.env.TRACELAB_JAEGER_URL = pipeline.jaegerUrl;
  process.env.TRACELAB_SPANMETRICS_URL = pipeline.spanmetricsUrl;
  process.env.TRACELAB_PROMETHEUS_URL = pipeline.prometheusUrl ?? '';
  process.env.TRACELAB_VICTORIALOGS_URL = pipeline.victoriaLogsUrl ?? '';
  process.env.TRACELAB_JAEGER_UI_CONFIG = pipeline.jaegerUiConfigFile;
  const control = await serveCollectorControl(pipeline).catch(async (error: unknown) => {
    await stack.stop();
    await pipeline.stop();
    throw error;
  });
  Object.assign(globalThis, { __tracelabStack: stack, __tracelabPipeline: pipeline, __tracelabControl: control });
}
