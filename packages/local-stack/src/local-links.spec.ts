import { localLinks, readyBanner } from './local-links';
import { pipelinePorts } from './pipeline';

const base = { gatewayUrl: 'http://127.0.0.1:8080', adminToken: 'workshop', logDir: '.local/logs' };

describe('localLinks', () => {
  it('lists the gateway, the console, the trace page, and each pipeline tool that runs', () => {
    const links = localLinks({ ...base, ports: pipelinePorts(0), tools: ['prometheus', 'jaeger', 'otelcol'] });
    expect(links.map((l) => `${l.label} ${l.url}`)).toEqual([
      'shop API http://127.0.0.1:8080',
      'console http://127.0.0.1:8080/console?token=workshop',
      'a trace http://127.0.0.1:8080/console/traces/<trace id>',
      'Jaeger API http://127.0.0.1:16686/api/v3/traces/<trace id>',
      'Prometheus http://127.0.0.1:9090',
      'log files .local/logs/<service>.log',
    ]);
  });

  it('leaves out a tool that does not run, and shows the receiver when it takes the spans', () => {
    const withoutPrometheus = localLinks({ ...base, ports: pipelinePorts(700), tools: ['jaeger', 'otelcol'] }).map((l) => l.label);
    expect(withoutPrometheus).toContain('Jaeger API');
    expect(withoutPrometheus).not.toContain('Prometheus');
    const receiver = localLinks({ ...base, tools: [], receiverUrl: 'http://127.0.0.1:4318' });
    expect(receiver.map((l) => l.label)).toEqual(['shop API', 'console', 'a trace', 'spans', 'log files']);
    expect(receiver.find((l) => l.label === 'spans')!.url).toBe('http://127.0.0.1:4318/spans');
  });

  it('puts the admin token into the console link encoded', () => {
    const console = localLinks({ ...base, adminToken: 'a b&c=d', tools: [] }).find((l) => l.label === 'console')!;
    expect(console.url).toBe('http://127.0.0.1:8080/console?token=a%20b%26c%3Dd');
  });
});

describe('readyBanner', () => {
  const links = localLinks({ ...base, ports: pipelinePorts(0), tools: ['jaeger', 'otelcol'] });

  it('frames the title, every link and the footer; plain text unless colours are asked for', () => {
    const plain = readyBanner('tracelab is ready', links, ['Ctrl-C stops everything'], { colorize: false });
    const lines = plain.split('\n');
    expect(lines[1]).toMatch(/^═{20,}$/);
    expect(lines.at(-2)).toBe(lines[1]);
    expect(plain).toContain('  tracelab is ready');
    for (const link of links) expect(plain).toMatch(new RegExp(`^  ${link.label} +${link.url.replace(/[.?*()[\]]/g, '\\$&')} `, 'm'));
    expect(plain).toContain('  Ctrl-C stops everything');
    expect(plain).not.toMatch(/\u001b\[/);
    expect(readyBanner('tracelab is ready', links, [], { colorize: true })).toMatch(/\u001b\[1m/);
  });
});
