// The OTLP receiver as a process of its own (its CLI), so the CPU it spends decoding spans is
// measured apart from the load generator's.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sleep } from './stats.mjs';

export async function startReceiverChild(root) {
  const child = spawn(process.execPath, [join(root, 'packages/otlp-receiver/dist/cli.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      const found = /receiver on (http:\/\/[^/\s]+)\/v1\/traces/.exec(text);
      if (found) {
        child.stdout.off('data', onData);
        child.stdout.resume(); // its periodic counts are not needed
        resolve(found[1]);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code}) before listening`)));
  });
  const json = async (path, init) => {
    const response = await fetch(new URL(path, url), init);
    if (!response.ok) throw new Error(`receiver ${path}: ${response.status}`);
    return response.json();
  };
  const counts = () => json('/spans/count');
  // Spans and traced log records together: settled once neither moves.
  const count = async () => {
    const { spans, tracedLogs } = await counts();
    return spans + tracedLogs;
  };

  return {
    url,
    pid: child.pid,
    count,
    clear: () => json('/spans', { method: 'DELETE' }),
    traceSize: async (traceId) => (await json(`/spans?traceId=${traceId}`)).length,
    traceLogCount: async (traceId) => (await json(`/logs?traceId=${traceId}`)).length,
    /** Log records written inside a span since the last clear. */
    tracedLogCount: async () => (await counts()).tracedLogs,
    spanCount: async () => (await counts()).spans,
    /** The span (+ traced log record) count once it has not moved for `quietMs` (the services export every 0.5 s). */
    async settle(quietMs = 3000, timeoutMs = 120000) {
      const deadline = Date.now() + timeoutMs;
      let last = await count();
      let since = Date.now();
      while (Date.now() < deadline) {
        await sleep(500);
        const now = await count();
        if (now !== last) [last, since] = [now, Date.now()];
        else if (Date.now() - since >= quietMs) return now;
      }
      return last;
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
