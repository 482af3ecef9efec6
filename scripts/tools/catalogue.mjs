// What `pnpm tools:build` builds and how. Versions come from tools/pins.json only; each Go module
// under tools/<name>/ commits its go.mod and go.sum (the lockfiles), checked against the pins by a test.
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const LDFLAGS = ['-trimpath', '-ldflags', '-s -w'];

/** A Go module under tools/<name> whose go.mod requires the pinned module; builds one package of it. */
function goModuleTool(name, { tags = [], sources = [] } = {}) {
  return {
    name,
    recipe: { tags },
    inputs: [`tools/${name}/go.mod`, `tools/${name}/go.sum`, ...sources.map((file) => `tools/${name}/${file}`)],
    describe: (pins) => `${pins[name].module}@${pins[name].moduleVersion}`,
    build: ({ root, pins, output, run }) => {
      const args = ['build', ...LDFLAGS, ...(tags.length ? ['-tags', tags.join(',')] : []), '-o', output, pins[name].package];
      run('go', args, { cwd: join(root, 'tools', name), env: { GOFLAGS: '-mod=readonly' } });
    },
  };
}

export const TOOLS = [
  {
    name: 'otelcol',
    inputs: ['tools/otelcol/manifest.yaml'],
    describe: (pins) => `Collector Builder ${pins.otelcol.builder.split('@')[1]}, contrib ${pins.otelcol.tag} components`,
    build: ({ root, pins, output, work, run }) => {
      const gobin = join(work, 'bin');
      mkdirSync(gobin, { recursive: true });
      run('go', ['install', pins.otelcol.builder], { env: { GOBIN: gobin } });
      const source = join(work, 'src');
      run(join(gobin, 'builder'), ['--config', join(root, pins.otelcol.manifest), '--output-path', source]);
      // Copy, then rename into place: a running otelcol keeps its old file ("text file busy" otherwise).
      copyFileSync(join(source, 'otelcol'), `${output}.new`);
      renameSync(`${output}.new`, output);
    },
  },
  goModuleTool('jaeger'),
  // Only static scrape targets are used: leave out every service-discovery plugin.
  goModuleTool('prometheus', { tags: ['remove_all_sd'] }),
  // Our own source: rebuilt when main.go changes too, not only go.mod/go.sum.
  goModuleTool('compose-check', { sources: ['main.go'] }),
  // Chart tests (deploy/helm/tracelab): helm lint/template, and strict decoding of every rendered object.
  goModuleTool('helm'),
  goModuleTool('kube-validate', { sources: ['main.go'] }),
  // The log store (OTLP logs in, LogsQL out, its own web UI embedded in the binary).
  goModuleTool('victorialogs'),
  // Docker CLI plugins for the compose tier (e2e/compose), installed by scripts/docker-engine.sh.
  // Compose's go.mod has `exclude` directives, which `go install module@version` refuses: the
  // module is downloaded and built as the main module, with its own go.mod and go.sum.
  {
    name: 'docker-compose',
    inputs: [],
    describe: (pins) => `${pins['docker-compose'].module}@${pins['docker-compose'].moduleVersion}`,
    build: ({ pins, output, run }) => {
      const { module, moduleVersion, package: pkg } = pins['docker-compose'];
      const { Dir } = JSON.parse(run('go', ['mod', 'download', '-json', `${module}@${moduleVersion}`]));
      const version = `-X ${module}/internal.Version=${moduleVersion}`;
      run('go', ['build', '-trimpath', '-ldflags', `-s -w ${version}`, '-o', `${output}.new`, pkg], { cwd: Dir, env: { GOFLAGS: '-mod=readonly' } });
      renameSync(`${output}.new`, output);
    },
  },
  {
    name: 'docker-buildx',
    inputs: [],
    describe: (pins) => `${pins['docker-buildx'].package}@${pins['docker-buildx'].moduleVersion}`,
    build: ({ pins, output, work, run }) => {
      const gobin = join(work, 'bin');
      mkdirSync(gobin, { recursive: true });
      const { module, moduleVersion, package: pkg } = pins['docker-buildx'];
      const version = `-X ${module}/version.Version=${moduleVersion} -X ${module}/version.Package=${module}`;
      run('go', ['install', '-trimpath', '-ldflags', `-s -w ${version}`, `${pkg}@${moduleVersion}`], { env: { GOBIN: gobin } });
      copyFileSync(join(gobin, 'buildx'), `${output}.new`);
      renameSync(`${output}.new`, output);
    },
  },
];
