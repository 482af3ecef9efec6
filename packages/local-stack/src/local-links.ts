import { styleText } from 'node:util';
import type { PipelinePorts, PipelineTool } from './pipeline';

/** A place a learner opens while local mode runs. */
export interface LocalLink {
  label: string;
  url: string;
  /** What it is for, in a few words. */
  note?: string;
}

/** What local mode runs, as the links need it. */
export interface LocalLinkSource {
  gatewayUrl: string;
  adminToken: string;
  /** The pipeline's ports, when the real pipeline runs. */
  ports?: PipelinePorts;
  /** The pipeline tools that run. */
  tools: readonly string[];
  /** The embedded receiver's URL, when it takes the spans instead of the pipeline. */
  receiverUrl?: string;
  /** Folder of the JSON log files, relative to the repository. */
  logDir: string;
}

interface LinkSpec {
  label: string;
  /** Shown only while this pipeline tool runs. */
  tool?: PipelineTool;
  url(source: LocalLinkSource & { ports: PipelinePorts }): string | undefined;
  note?: string | ((source: LocalLinkSource) => string);
}

/**
 * Every URL of the ready banner and of the lab hints in local mode, in the order shown. A new
 * part of the pipeline is one entry here (its port in PipelinePorts, its tool in PipelineTool).
 */
const LINKS: readonly LinkSpec[] = [
  { label: 'shop API', url: (s) => s.gatewayUrl, note: (s) => `try: curl ${s.gatewayUrl}/products` },
  {
    label: 'console',
    url: (s) => `${s.gatewayUrl}/console?token=${encodeURIComponent(s.adminToken)}`,
    note: 'fault switches, the last orders and their traces, "Place a test order"',
  },
  { label: 'a trace', url: (s) => `${s.gatewayUrl}/console/traces/<trace id>`, note: "waterfall and verdict; an answer's x-trace-id header names its trace" },
  {
    label: 'Jaeger API',
    tool: 'jaeger',
    url: (s) => `http://127.0.0.1:${s.ports.jaegerQuery}/api/v3/traces/<trace id>`,
    note: 'a Jaeger built from source has no UI of its own',
  },
  { label: 'Prometheus', tool: 'prometheus', url: (s) => `http://127.0.0.1:${s.ports.prometheus}`, note: 'span metrics (Jaeger Monitor)' },
  { label: 'spans', url: (s) => s.receiverUrl && `${s.receiverUrl}/spans`, note: 'embedded receiver: pnpm lab doctor --source local' },
  { label: 'log files', url: (s) => `${s.logDir}/<service>.log`, note: 'every JSON log line, with its trace id' },
];

export function localLinks(source: LocalLinkSource): LocalLink[] {
  const links: LocalLink[] = [];
  for (const spec of LINKS) {
    if (spec.tool && (!source.ports || !source.tools.includes(spec.tool))) continue;
    const url = spec.url({ ...source, ports: source.ports! });
    if (!url) continue;
    const note = typeof spec.note === 'function' ? spec.note(source) : spec.note;
    links.push({ label: spec.label, url, ...(note ? { note } : {}) });
  }
  return links;
}

/** The ready banner: a frame that stands out from the log lines, the links aligned in columns. */
export function readyBanner(title: string, links: readonly LocalLink[], footer: readonly string[], { colorize }: { colorize: boolean }): string {
  const style = (format: Parameters<typeof styleText>[0], text: string) => (colorize ? styleText(format, text, { validateStream: false }) : text);
  const label = Math.max(...links.map((l) => l.label.length));
  const url = Math.max(...links.map((l) => l.url.length));
  const rows = links.map((l) => `  ${l.label.padEnd(label)}  ${style('cyan', l.url.padEnd(url))}${l.note ? `  ${style('dim', l.note)}` : ''}`);
  const rule = style('green', '═'.repeat(Math.min(100, label + url + 6)));
  return ['', rule, style(['bold', 'green'], `  ${title}`), '', ...rows, '', ...footer.map((line) => `  ${line}`), rule, ''].join('\n');
}
