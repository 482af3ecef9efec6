import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { ADMIN_TOKEN, GATEWAY_URL, RECEIVER_URL } from './env';

export const ROOT = resolve(__dirname, '../..');

/**
 * Runs `pnpm lab <args>` as a learner would, against the e2e gateway and receiver. Asynchronous
 * on purpose: the receiver lives in this process and must keep answering while the command runs.
 */
export function lab(args: string[], timeoutMs = 120000, env: Record<string, string> = {}): Promise<{ status: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve(ROOT, 'packages/lab/dist/cli.js'), ...args],
      { cwd: ROOT, env: { ...process.env, GATEWAY_URL, ADMIN_TOKEN, RECEIVER_URL, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => done({ status: error ? Number(error.code ?? -1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}
