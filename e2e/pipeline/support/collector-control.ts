import { createServer, type Server } from 'node:http';
import type { Pipeline } from '@tracelab/local-stack';

export const CONTROL_PORT = 5999;

export interface CollectorSettings {
  /** A file of deploy/otel-collector/. */
  config?: string;
  env?: Record<string, string>;
}

/**
 * The pipeline lives in Jest's global-setup process, out of the test files' reach: this small HTTP
 * endpoint lets a suite restart the collector with other settings (POST /collector), and stop or
 * start VictoriaLogs (POST /victorialogs/stop, /victorialogs/start).
 */
export function serveCollectorControl(pipeline: Pipeline): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const failed = (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      if (request.method === 'POST' && (request.url === '/victorialogs/stop' || request.url === '/victorialogs/start')) {
        pipeline.setVictoriaLogsRunning(request.url.endsWith('/start')).then(() => response.writeHead(204).end(), failed);
        return;
      }
      if (request.method !== 'POST' || request.url !== '/collector') {
        response.writeHead(404).end();
        return;
      }
      let settings: CollectorSettings;
      try {
        settings = JSON.parse(body || '{}') as CollectorSettings;
      } catch {
        response.writeHead(400).end('body is not JSON');
        return;
      }
      pipeline.restartCollector(settings).then(() => response.writeHead(204).end(), failed);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`collector control port ${CONTROL_PORT}: ${error.message}`)));
    server.listen(CONTROL_PORT, '127.0.0.1', () => resolve(server));
  });
}

/** From a test: restart the collector with these settings and wait until it is healthy. */
export async function restartCollector(settings: CollectorSettings): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${CONTROL_PORT}/collector`, { method: 'POST', body: JSON.stringify(settings) });
  if (response.status !== 204) throw new Error(`collector restart failed: ${response.status} ${await response.text()}`);
}

/** From a test: stop VictoriaLogs (its data stays), or start it again and wait until it is healthy. */
export async function setVictoriaLogsRunning(running: boolean): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${CONTROL_PORT}/victorialogs/${running ? 'start' : 'stop'}`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`VictoriaLogs ${running ? 'start' : 'stop'} failed: ${response.status} ${await response.text()}`);
}
