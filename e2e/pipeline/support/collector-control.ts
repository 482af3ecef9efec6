import { createServer, type Server } from 'node:http';
import { type CollectorWatch, type Pipeline, watchCollectorConfig } from '@tracelab/local-stack';

export const CONTROL_PORT = 5999;

export interface CollectorSettings {
  /** A file of deploy/otel-collector/, or an absolute path. */
  config?: string;
  env?: Record<string, string>;
}

/** Local mode's reload-on-save (as `pnpm start:local` runs it) for a file the pipeline labs edit. */
export interface WatchSettings {
  file: string;
  env?: Record<string, string>;
}

/**
 * The pipeline lives in Jest's global-setup process, out of the test files' reach: this small HTTP
 * endpoint lets a suite restart the collector with other settings (POST /collector), have it
 * reload a configuration file on every change (POST /collector/watch, /collector/unwatch), and stop
 * or start VictoriaLogs (POST /victorialogs/stop, /victorialogs/start).
 */
export function serveCollectorControl(pipeline: Pipeline): Promise<Server> {
  let watch: CollectorWatch | undefined;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const failed = (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message);
      if (request.method === 'POST' && (request.url === '/victorialogs/stop' || request.url === '/victorialogs/start')) {
        pipeline.setVictoriaLogsRunning(request.url.endsWith('/start')).then(() => response.writeHead(204).end(), failed);
        return;
      }
      const routes = ['/collector', '/collector/watch', '/collector/unwatch'];
      if (request.method !== 'POST' || !routes.includes(request.url ?? '')) {
        response.writeHead(404).end();
        return;
      }
      let settings: CollectorSettings & Partial<WatchSettings>;
      try {
        settings = JSON.parse(body || '{}') as CollectorSettings & Partial<WatchSettings>;
      } catch {
        response.writeHead(400).end('body is not JSON');
        return;
      }
      // A reload under way finishes first: two restarts at once would stop each other's Collector.
      const stopped = watch?.stop() ?? Promise.resolve();
      watch = undefined;
      const action = stopped.then(async () => {
        if (request.url === '/collector/unwatch') return;
        if (request.url === '/collector') return pipeline.restartCollector(settings);
        await pipeline.restartCollector({ config: settings.file, env: settings.env });
        watch = watchCollectorConfig(pipeline, { file: settings.file!, env: settings.env });
      });
      action.then(() => response.writeHead(204).end(), failed);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`collector control port ${CONTROL_PORT}: ${error.message}`)));
    server.listen(CONTROL_PORT, '127.0.0.1', () => resolve(server));
  });
}

async function control(path: string, body: unknown): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${CONTROL_PORT}${path}`, { method: 'POST', body: JSON.stringify(body) });
  if (response.status !== 204) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
}

/** From a test: stop VictoriaLogs (its data stays), or start it again and wait until it is healthy. */
export const setVictoriaLogsRunning = (running: boolean) => control(`/victorialogs/${running ? 'start' : 'stop'}`, {});

/** From a test: restart the collector with these settings and wait until it is healthy (ends a watch). */
export const restartCollector = (settings: CollectorSettings) => control('/collector', settings);

/** From a test: run the collector on `file` and reload it whenever the file changes, as local mode does. */
export const watchCollector = (settings: WatchSettings) => control('/collector/watch', settings);

