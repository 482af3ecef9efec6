/**
 * tools/pins.json is the one place for the pipeline's versions: the images docker-compose.yml runs
 * and the sources `pnpm tools:build` builds must be the same release.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const pins = JSON.parse(read('tools/pins.json')) as Record<string, Record<string, string>>;
const compose = parse(read('docker-compose.yml')) as { services: Record<string, { image?: string }> };
const images = Object.values(compose.services).map((service) => service.image ?? '');

/** The version tools/<name>/go.mod requires of a module. */
function required(name: string, module: string): string | undefined {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(read(`tools/${name}/go.mod`))?.[1];
}

describe('tool pins', () => {
  it.each(['otelcol', 'jaeger', 'prometheus', 'k6', 'victorialogs'])('docker-compose.yml runs the %s image at its pin', (name) => {
    expect(images).toContain(`${pins[name]!.image}:${pins[name]!.tag}`);
    expect(images.filter((image) => image.startsWith(`${pins[name]!.image}:`))).toEqual([`${pins[name]!.image}:${pins[name]!.tag}`]);
  });

  it('builds the Collector with the Builder and every component at the compose image release', () => {
    const tag = pins.otelcol!.tag!;
    expect(pins.otelcol!.builder).toBe(`go.opentelemetry.io/collector/cmd/builder@v${tag}`);
    const manifest = parse(read(pins.otelcol!.manifest!)) as Record<string, unknown>;
    expect((manifest.dist as { version: string }).version).toBe(tag);
    const modules = ['extensions', 'receivers', 'processors', 'connectors', 'exporters'].flatMap((kind) =>
      (manifest[kind] as { gomod: string }[]).map((component) => component.gomod),
    );
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) expect(module).toMatch(new RegExp(` v${tag.replace(/\./g, '\\.')}$`));
    // The stable core modules (confmap providers) are versioned v1.x, released together with v0.x.
    const providers = (manifest.providers as { gomod: string }[]).map((provider) => provider.gomod.split(' ')[1]);
    expect(new Set(providers).size).toBe(1);
    expect(providers[0]).toMatch(/^v1\.\d+\.\d+$/);
  });

  it('builds Jaeger at the commit of its image tag (Jaeger tags v2.N.0 and v1.(N+63).0 on one commit)', () => {
    const { tag, moduleVersion, module } = pins.jaeger as Record<string, string>;
    const [, minor] = /^(\d+)\.(\d+)\.0$/.exec(tag!)!.slice(1).map(Number);
    expect(moduleVersion).toBe(`v1.${minor! + 63}.0`);
    expect(required('jaeger', module!)).toBe(moduleVersion);
  });

  it('builds Prometheus at its image version (v3.X.Y is the Go module version v0.3XX.Y)', () => {
    const { tag, moduleVersion, module } = pins.prometheus as Record<string, string>;
    const [major, minor, patch] = tag!.slice(1).split('.').map(Number);
    expect(moduleVersion).toBe(`v0.${major! * 100 + minor!}.${patch}`);
    expect(required('prometheus', module!)).toBe(moduleVersion);
  });

  it('builds VictoriaLogs from source at the release its image runs (image tag = Go module version)', () => {
    const { tag, moduleVersion, module, package: pkg } = pins.victorialogs as Record<string, string>;
    expect(moduleVersion).toBe(tag);
    expect(required('victorialogs', module!)).toBe(moduleVersion);
    expect(pkg).toBe(`${module}/app/victoria-logs`);
    expect(read('tools/victorialogs/go.mod')).toContain(`tool ${pkg}`);
  });

  it.each(['compose-check', 'helm', 'kube-validate'])('builds %s on the pinned module version', (name) => {
    expect(required(name, pins[name]!.module!)).toBe(pins[name]!.moduleVersion);
  });
});
