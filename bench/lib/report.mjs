// The markdown written to bench/results/<time>.md and printed: one column per target and mode.
import { OTHER_DATABASES, POSTGRES_SERVER } from './processes.mjs';
import { SERVICE_NAMES } from './groups.mjs';
import { human } from './stats.mjs';
import { LOAD_PHASES, STEAL_LIMIT_PERCENT } from './summary.mjs';

const SUMS = ['six services', 'postgres backends', POSTGRES_SERVER, 'postgres', 'rabbitmq', 'receiver', 'total'];

/** Row names: the six services, their sum, each service's backends, the rest, the totals. */
function rowsOf(tables) {
  const seen = new Set(tables.flatMap((t) => Object.keys(t ?? {}).filter((key) => t[key] !== undefined)));
  const backends = [...seen].filter((g) => g.startsWith('postgres:')).sort();
  return [...SERVICE_NAMES, 'six services', ...backends, ...SUMS.slice(1), ...(seen.has(OTHER_DATABASES) ? [OTHER_DATABASES] : [])].filter((g) => seen.has(g));
}

function table(title, columns, pick, format = human) {
  const tables = columns.map(([, s]) => pick(s));
  const bold = (name) => (SUMS.includes(name) ? `**${name}**` : name);
  return [
    `| ${title} | ${columns.map(([c]) => c).join(' | ')} |`,
    `|---|${columns.map(() => '---|').join('')}`,
    ...rowsOf(tables).map((row) => `| ${bold(row)} | ${tables.map((t) => format(t?.[row])).join(' | ')} |`),
  ];
}

const allocatorText = ({ allocator, allocatorEnv }) =>
  allocatorEnv.MALLOC_CONF ? `${allocator} (MALLOC_CONF=${allocatorEnv.MALLOC_CONF})` : `${allocator}'s malloc`;

const memoryCell = (m) => (m ? `${human(m.rss)} / ${human(m.pss)} / ${human(m.private)}` : '–');
const latency = (l) => (l ? `${l.p50} / ${l.p95} / ${l.p99}` : '–');
const PHASE_NAMES = { paced: 'paced', max: 'max', half: 'half of max' };
const share = (phase) => (phase?.machine ? `${human(phase.machine.busyPercent)} / ${human(phase.machine.stealPercent)}` : '–');

/** One line per run, in the order they ran: how far apart the repeats of one column are. */
function everyRun(runs) {
  return [
    '| # | run | paced: six services CPU ms/order | max: orders/s, six services CPU ms/order | steal %: paced · max · half | host probe ms |',
    '|---|---|---|---|---|---|',
    ...runs.map((r, i) => `| ${i + 1} | ${r.target}/${r.mode} (repeat ${r.repeat}) | ${human(r.paced?.cpuMsPerOrder?.['six services'])} | ${human(r.max?.ordersPerSecond)}, ${human(r.max?.cpuMsPerOrder?.['six services'])} | ${LOAD_PHASES.map((p) => human(r[p]?.machine?.stealPercent)).join(' · ')} | ${human(r.hostProbeMs)} |`),
  ];
}

/** The steps between untraced and lean, when the run measured them. */
function ladder(ratios) {
  const steps = [
    ['unsampled', ratios.unsampledOverhead],
    ['unexported', ratios.unexportedOverhead],
  ].filter(([, value]) => value !== undefined);
  return steps.map(([mode, value]) => `, ${mode} / untraced ${human(value)}`).join('');
}

export function markdown({ date, machine, command, config, targets, summary, ratios, goals, runs = [] }) {
  const columns = Object.entries(summary).map(([column, s]) => [column.replace(/\/.*/, `/${s.label}`), s]);
  const phase = (s, name) => s[name];
  return [
    `# Benchmark ${date}`,
    '',
    `${machine}; \`${command}\`; ${config.repeat > 1 ? `medians of ${config.repeat} runs` : 'one run'}.`,
    `Targets: ${targets.map((t) => `${t.name} = ${t.commit}`).join('; ')}. Services with NODE_OPTIONS="${config.nodeOptions}" and ${allocatorText(config)}, lean and auto exporting http/json to the receiver (its own process).`,
    '',
    `## CPU ms per order, paced ${config.pacedRate} orders/s for ${config.pacedSeconds} s`,
    '',
    ...table('process', columns, (s) => phase(s, 'paced')?.cpuMsPerOrder),
    '',
    `## CPU ms per order at the max rate and at half of it (six services / all)`,
    '',
    `| | ${columns.map(([c]) => c).join(' | ')} |`,
    `|---|${columns.map(() => '---|').join('')}`,
    `| max | ${columns.map(([, s]) => `${human(s.max?.cpuMsPerOrder?.['six services'])} / ${human(s.max?.cpuMsPerOrder?.total)}`).join(' | ')} |`,
    `| half of max | ${columns.map(([, s]) => `${human(s.half?.cpuMsPerOrder?.['six services'])} / ${human(s.half?.cpuMsPerOrder?.total)}`).join(' | ')} |`,
    '',
    `## Idle CPU ms/s (${config.idleSeconds} s before any load)`,
    '',
    ...table('process', columns, (s) => s.idleCpuMsPerSecond),
    '',
    '## Throughput, latency (ms p50 / p95 / p99 of answered orders), spans',
    '',
    `| | ${columns.map(([c]) => c).join(' | ')} |`,
    `|---|${columns.map(() => '---|').join('')}`,
    `| paced ${config.pacedRate}/s: latency | ${columns.map(([, s]) => latency(s.paced?.latencyMs)).join(' | ')} |`,
    `| paced: errors, generator lag ms | ${columns.map(([, s]) => `${s.paced?.errors ?? '–'}, ${s.paced?.maxLagMs ?? '–'}`).join(' | ')} |`,
    `| max orders/s (${config.connections} conns, ${config.maxSeconds} s) | ${columns.map(([, s]) => human(s.max?.ordersPerSecond)).join(' | ')} |`,
    `| max: latency | ${columns.map(([, s]) => latency(s.max?.latencyMs)).join(' | ')} |`,
    `| max: errors | ${columns.map(([, s]) => s.max?.errors ?? '–').join(' | ')} |`,
    `| half of max: rate | ${columns.map(([, s]) => human(s.half?.rate)).join(' | ')} |`,
    `| half of max: latency | ${columns.map(([, s]) => latency(s.half?.latencyMs)).join(' | ')} |`,
    `| half of max: errors, generator lag ms | ${columns.map(([, s]) => `${s.half?.errors ?? '–'}, ${s.half?.maxLagMs ?? '–'}`).join(' | ')} |`,
    ...LOAD_PHASES.map((p) => `| machine busy / steal %: ${PHASE_NAMES[p]} | ${columns.map(([, s]) => share(s[p])).join(' | ')} |`),
    `| spans per order | ${columns.map(([, s]) => s.paced?.spans?.perOrder ?? '–').join(' | ')} |`,
    `| spans dropped (all phases, worst run) | ${columns.map(([, s]) => (s.paced?.spans ? s.spansDroppedWorst : '–')).join(' | ')} |`,
    `| log records per order | ${columns.map(([, s]) => s.paced?.logs?.perOrder ?? '–').join(' | ')} |`,
    `| log records dropped (all phases, worst run) | ${columns.map(([, s]) => (s.paced?.logs ? s.logsDroppedWorst : '–')).join(' | ')} |`,
    '',
    `## Memory MiB after the paced phase: RSS / PSS / private`,
    '',
    ...table('process', columns, (s) => s.memoryMiB, memoryCell),
    '',
    '## Every run',
    '',
    ...everyRun(runs),
    '',
    '## Ratios',
    '',
    `- tracing overhead, six services' CPU per order: lean / untraced **${human(ratios.leanOverhead)}**, auto / untraced **${human(ratios.autoOverhead)}**${ladder(ratios)}`,
    `- log lines, six services' CPU per order: written to stdout at info (stdout - lean) ${ratios.stdoutAddedMs === undefined ? '–' : `${human(ratios.stdoutAddedMs)} ms`}, exported over OTLP on top (logs - stdout) **${ratios.logsAddedMs === undefined ? '–' : `${human(ratios.logsAddedMs)} ms`}**`,
    `- ours / baseline: untraced CPU per order **${human(ratios.untracedCpuVsBaseline)}**, lean CPU per order ${human(ratios.leanCpuVsBaseline)}, traced (lean) max throughput **${human(ratios.tracedMaxVsBaseline)}**, untraced max throughput ${human(ratios.untracedMaxVsBaseline)}`,
    '',
    '| goal (issue 9) | measured | met |',
    '|---|---|---|',
    ...goals.map((g) => `| ${g.goal} | ${g.measured} | ${g.met === undefined ? 'not measured' : g.met === null ? `not judged (steal > ${STEAL_LIMIT_PERCENT} %)` : g.met ? 'yes' : '**no**'} |`),
    '',
  ].join('\n');
}
