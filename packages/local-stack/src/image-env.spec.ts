import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostPreloadPath, imageRuntimeEnv } from './image-env';

describe('imageRuntimeEnv', () => {
  it("reads the root Dockerfile's runtime stage: the service image preloads jemalloc with its settings", () => {
    const env = imageRuntimeEnv(resolve(__dirname, '../../..'));
    expect(env).toMatchObject({ NODE_ENV: 'production', LD_PRELOAD: '/usr/local/lib/libjemalloc.so.2' });
    expect(env.MALLOC_CONF).toMatch(/^[a-z_]+:[^,]+(,[a-z_]+:[^,]+)*$/);
  });

  it('takes only the ENV lines of the runtime stage', () => {
    const dir = mkdtempSync(join(tmpdir(), 'image-env-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), ['FROM node AS build', 'ENV CI=true', 'FROM node AS runtime', 'ENV A=1', 'RUN true', 'ENV B=x:y,z:2', 'FROM busybox AS other', 'ENV C=3'].join('\n'));
      expect(imageRuntimeEnv(dir)).toEqual({ A: '1', B: 'x:y,z:2' });
      writeFileSync(join(dir, 'Dockerfile'), 'FROM node\nENV A=1\n');
      expect(() => imageRuntimeEnv(dir)).toThrow(/no "FROM … AS runtime" stage/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostPreloadPath', () => {
  it('names the package to install when the library is missing', () => {
    expect(() => hostPreloadPath('/usr/local/lib/libnot-a-real-allocator.so.9')).toThrow(/libnot-a-real-allocator\.so\.9 is not installed on this machine.*apt-get install libjemalloc2/);
  });
});
