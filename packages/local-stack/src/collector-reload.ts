import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, unwatchFile, watchFile, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectorEnv, findTool, type Pipeline, type PipelinePorts } from './pipeline';

export type Validation = { loads: true } | { loads: false; error: string };

/**
 * What a Collector's output says about why it refused its configuration: its `Error:` line and
 * the lines that continue it (the Collector spreads one error over several: the last names the
 * field), joined into one.
 */
export function collectorErrorLine(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const start = lines.findIndex((line) => /^Error:/.test(line));
  if (start >= 0) return lines.slice(start).filter((line) => !/^\d{4}-\d\d-\d\dT/.test(line)).join(' ');
  return lines.find((line) => /error/i.test(line)) ?? lines.at(-1) ?? '';
}

/**
 * Asks the Collector itself whether a configuration file loads (`otelcol validate`: it reads and
 * builds every component, opens no port), with its own error line when it does not. `ports` only
 * fill the file's ${env:OTELCOL_*} placeholders.
 */
export function validateCollectorConfig(otelcol: string, file: string, ports: PipelinePorts, env: Record<string, string> = {}): Validation {
  const result = spawnSync(otelcol, ['validate', `--config=${file}`], { env: { ...process.env, ...env, ...collectorEnv(ports) }, encoding: 'utf8', timeout: 30_000 });
  if (result.status === 0) return { loads: true };
  return { loads: false, error: collectorErrorLine(`${result.stderr ?? ''}\n${result.stdout ?? ''}`) || `otelcol validate exited ${result.status ?? result.signal}` };
}

export type ReloadEvent =
  | { outcome: 'reloaded'; file: string }
  /** The file does not load: the running Collector was left alone. */
  | { outcome: 'refused'; file: string; error: string }
  /** It loaded but the Collector did not come up with it: it runs the last good configuration again. */
  | { outcome: 'fell-back'; file: string; error: string };

export interface CollectorWatch {
  /** Applies the file now (as a change would), resolving when the Collector runs it or refused it. */
  reload(): Promise<ReloadEvent>;
  /** Stops watching; resolves once a reload under way has finished. */
  stop(): Promise<void>;
}

export interface WatchOptions {
  file: string;
  /** The Collector's environment (SAMPLING_PERCENTAGE, TAIL_DECISION_WAIT, ...). */
  env?: Record<string, string>;
  intervalMs?: number;
  root?: string;
  onReload?: (event: ReloadEvent) => void;
}

/**
 * Local mode's answer to `docker compose restart otel-collector`: restarts the pipeline's Collector
 * whenever its configuration file changes. A file that does not load never stops the running
 * Collector; one that loads but fails at start is replaced by the last good bytes, so the stack is
 * never left without a Collector. Polls the file (editors save by rename, which fs.watch can miss).
 */
export function watchCollectorConfig(pipeline: Pipeline, options: WatchOptions): CollectorWatch {
  const { file, env = {}, intervalMs = 500 } = options;
  const otelcol = findTool('otelcol', options.root);
  if (!otelcol) throw new Error('otelcol is not built: run `pnpm tools:build`');
  const spare = join(mkdtempSync(join(tmpdir(), 'tracelab-collector-')), 'last-good.yaml');
  // What the Collector runs now: the file as it is when the watch starts.
  let lastGood = readFileSync(file);
  let queue: Promise<unknown> = Promise.resolve();

  const apply = async (): Promise<ReloadEvent> => {
    // Every save restarts, even one that puts back the running bytes: the labs' checks take a
    // Collector started after the file's last change as the sign that it runs the file.
    const bytes = readFileSync(file);
    const validation = validateCollectorConfig(otelcol, file, pipeline.ports, env);
    let event: ReloadEvent;
    if (!validation.loads) {
      event = { outcome: 'refused', file, error: validation.error };
    } else {
      try {
        await pipeline.restartCollector({ config: file, env });
        lastGood = bytes;
        event = { outcome: 'reloaded', file };
      } catch (error) {
        writeFileSync(spare, lastGood);
        await pipeline.restartCollector({ config: spare, env });
        event = { outcome: 'fell-back', file, error: collectorErrorLine((error as Error).message) };
      }
    }
    options.onReload?.(event);
    return event;
  };
  const reload = () => {
    const next = queue.then(apply, apply);
    queue = next.catch(() => undefined);
    return next;
  };
  const listener = () => void reload().catch((error: unknown) => options.onReload?.({ outcome: 'fell-back', file, error: String(error) }));
  watchFile(file, { interval: intervalMs }, listener);
  return {
    reload,
    stop: async () => {
      unwatchFile(file, listener);
      await queue;
    },
  };
}
