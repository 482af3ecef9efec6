import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnLogged } from './child';

describe('spawnLogged', () => {
  it('hands on whole lines even when a line arrives in two chunks, and keeps the bytes as written in the log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spawn-logged-'));
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((text: string | Uint8Array) => (printed.push(String(text)), true));
    try {
      const script = "process.stdout.write('{\"level\":30,'); setTimeout(() => process.stdout.write('\"msg\":\"hi\"}\\nlast line without newline'), 100)";
      const child = spawnLogged('svc', process.execPath, ['-e', script], { env: process.env, logDir: dir, inheritOutput: (service, line) => `<${service}|${line}>` });
      await once(child.process, 'close');
      expect(child.logs).toEqual(['{"level":30,"msg":"hi"}', 'last line without newline']);
      expect(printed).toEqual(['<svc|{"level":30,"msg":"hi"}>\n', '<svc|last line without newline>\n']);
      const expected = '{"level":30,"msg":"hi"}\nlast line without newline';
      // The file stream finishes its last write on its own time.
      for (let i = 0; i < 40 && readFileSync(join(dir, 'svc.log'), 'utf8') !== expected; i++) await new Promise((r) => setTimeout(r, 50));
      expect(readFileSync(join(dir, 'svc.log'), 'utf8')).toBe(expected);
    } finally {
      write.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
