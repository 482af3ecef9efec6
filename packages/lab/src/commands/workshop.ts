import { resolve } from 'node:path';
import type { ReceivedSpan } from '@tracelab/otlp-receiver';
import { type LabDefinition, LABS } from '@tracelab/faults';
import { analyze, type DoctorReport, readTraces, type ReadTracesOptions, renderReport } from '@tracelab/trace-doctor';
import { detectStack, findTool } from '@tracelab/local-stack';
import { admin, type AdminTarget, adminTargetFromEnv } from '../admin-client';
import { CODE_LABS, findCodeLab } from '../workshop/code-labs';
import { breakCollectorConfig, readPipelineLabState, restoreCollectorConfig, shownPath } from '../workshop/collector-config';
import { applyEdit, editState, revertEdit } from '../workshop/edits';
import { CODE_LAB_SYMPTOMS, FAULT_LAB_SYMPTOMS, type SymptomCheck } from '../workshop/fault-lab-checks';
import { runLocally } from '../workshop/local-check';
import { changedServices, checkCommand, type HintContext, loadHints, modeLine, rerunHint, traceHints } from '../workshop/mode-hints';
import { checkSampling, checkWholeTraces, NotReady, type PipelineVerdict, preflight } from '../workshop/pipeline-checks';
import { findPipelineLab } from '../workshop/pipeline-labs';
import { readUntilQuiet } from '../workshop/read-until-quiet';
import { placeMany, placeOrder } from '../workshop/shop-orders';

const ROOT = resolve(__dirname, '../../../..');
const USAGE = `usage: pnpm lab workshop list
       pnpm lab workshop start <lab>    code labs break the working tree; fault labs switch their fault on;
                                        pipeline labs break the Collector's configuration file
       pnpm lab workshop check <lab>    places orders and judges their traces: exit 0 when fixed
       pnpm lab workshop reset          restores every code lab's files and the Collector's configuration, switches faults off
Fault and pipeline labs talk to the running stack (GATEWAY_URL, ADMIN_TOKEN; traces from --source jaeger|local;
pipeline labs: JAEGER_URL, COLLECTOR_METRICS_URL, TRACELAB_COLLECTOR_CONFIG).`;

const say = (message: string) => console.log(message);

/** Lab progress for the console; the stack may not be running (code labs check on their own). */
async function report(target: AdminTarget, lab: string, state: string, detail?: string): Promise<void> {
  await admin(target, 'PUT', `/admin/labs/${lab}`, { state, ...(detail ? { detail: detail.slice(0, 2000) } : {}) }).catch(() => undefined);
}

function findLab(name: string | undefined): LabDefinition | undefined {
  return LABS.find((lab) => lab.name === name);
}

/** The mode that runs (detected) and whether k6 can put load on it. */
export async function hintContext(target: AdminTarget, root = ROOT): Promise<HintContext> {
  return { stack: await detectStack({ gatewayUrl: target.gatewayUrl, root }), k6: findTool('k6', root) !== undefined, docker: findTool('docker', root) !== undefined };
}

/** How a saved Collector configuration reaches the running Collector, in the mode that runs. */
function reloadHints({ stack }: HintContext, file: string): string[] {
  const local = `Saving ${file} reloads the Collector (pnpm start:local watches it; a file that does not load leaves the running Collector alone).`;
  const compose = `After each save: docker compose restart otel-collector (docker compose logs otel-collector says why it refuses a file).`;
  if (stack.mode === 'local' && stack.local?.traces.store === 'receiver') {
    return ['This lab needs the real Collector: pnpm tools:build, then restart pnpm start:local.'];
  }
  return stack.mode === 'local' ? [local] : stack.mode === 'compose' ? [compose] : [local, compose];
}

async function start(lab: LabDefinition, target: AdminTarget): Promise<number> {
  const context = await hintContext(target);
  if (lab.kind === 'code') {
    const codeLab = findCodeLab(lab.name)!;
    for (const edit of codeLab.edits) applyEdit(ROOT, edit);
    say(`${lab.name}: something in the code is now broken. Run the changed code, place orders, look at the traces.`);
    say(modeLine(context));
    say(rerunHint(context, changedServices(ROOT, codeLab.edits.map((e) => e.file))));
  } else if (lab.kind === 'pipeline') {
    const file = shownPath(ROOT, breakCollectorConfig(ROOT, lab.name, findPipelineLab(lab.name)!.edits));
    say(`${lab.name}: ${file} is changed. Fix the lab by editing that file.`);
    say(modeLine(context));
    for (const line of reloadHints(context, file)) say(line);
    say(findPipelineLab(lab.name)!.brief);
  } else {
    if (context.stack.mode === 'none') {
      console.error(`${lab.name}: ${modeLine(context)}`);
      return 1;
    }
    // Default params: a previous session may have left others stored.
    await admin(target, 'POST', `/admin/faults/${lab.fault}`, { enabled: true, params: {} });
    say(`${lab.name}: fault ${lab.fault} is on.`);
    say(modeLine(context));
    for (const line of loadHints(context)) say(line);
  }
  for (const line of traceHints(context)) say(line);
  // A code lab's check runs a stack of its own: no --source there.
  say(`When you think you fixed it: ${lab.kind === 'fault' ? checkCommand(lab.name, context) : `pnpm lab workshop check ${lab.name}`}`);
  await report(target, lab.name, 'started');
  return 0;
}

function symptomsOf(check: SymptomCheck | undefined, spans: ReceivedSpan[], traceIds: string[]): string[] {
  if (!check) return [];
  return traceIds.map((traceId) => check(spans.filter((s) => s.traceId === traceId))).filter((s): s is string => Boolean(s));
}

/** The code lab's break must show up as its diagnosis; a fixed tree must give whole traces. */
async function checkCodeLab(lab: LabDefinition): Promise<{ report: DoctorReport; symptoms: string[] }> {
  const { orders, spans } = await runLocally(ROOT);
  const failed = orders.filter((o) => o.status !== 201);
  if (failed.length > 0) say(`warning: ${failed.length} of ${orders.length} orders did not succeed (status ${failed.map((o) => o.status).join(', ')})`);
  return { report: analyze(spans), symptoms: symptomsOf(CODE_LAB_SYMPTOMS[lab.name], spans, orders.map((o) => o.traceId)) };
}

async function checkFaultLab(lab: LabDefinition, target: AdminTarget, source: 'jaeger' | 'local'): Promise<{ report: DoctorReport; symptoms: string[] }> {
  const { faults } = await admin<{ faults: { name: string; enabled: boolean }[] }>(target, 'GET', '/admin/faults');
  const stillOn = faults.find((f) => f.name === lab.fault)?.enabled ? [`fault ${lab.fault} is still switched on`] : [];
  const traceIds = (await placeMany(5, 1, (index) => placeOrder(target.gatewayUrl, { index, scenario: `lab-${lab.name}` }))).map((o) => o.traceId);
  // Only the orders placed here are judged: other learners may share the stack.
  const where = { source, jaegerUrl: process.env.JAEGER_URL, receiverUrl: process.env.RECEIVER_URL };
  const all = await collectTraces(traceIds.filter(Boolean), where);
  return { report: analyze(all), symptoms: [...stillOn, ...symptomsOf(FAULT_LAB_SYMPTOMS[lab.name], all, traceIds)] };
}

/**
 * The spans of these traces (and of traces split off them): the collector's tail sampling holds
 * traces a few seconds before Jaeger has them.
 */
async function collectTraces(traceIds: string[], where: Omit<ReadTracesOptions, 'traceId'>): Promise<ReceivedSpan[]> {
  return readUntilQuiet(
    async () => {
      const spans = new Map<string, ReceivedSpan>();
      for (const traceId of traceIds) {
        for (const span of await readTraces({ ...where, traceId }).catch(() => [])) spans.set(`${span.traceId}/${span.spanId}`, span);
      }
      return [...spans.values()];
    },
    { intervalMs: 500 },
  );
}

/**
 * A pipeline lab: its preconditions (else one line), a configuration the Collector refuses (its
 * own error line), then the lab's judgement of what Jaeger kept.
 */
async function checkPipelineLab(lab: LabDefinition, target: AdminTarget): Promise<number> {
  let ready;
  try {
    ready = await preflight(ROOT, lab.name, target);
  } catch (error) {
    if (!(error instanceof NotReady)) throw error;
    console.error(error.message);
    return 1;
  }
  if ('refused' in ready) {
    say(`✘ ${lab.name}: the Collector refuses ${shownPath(ROOT, ready.file)}:\n  ${ready.refused}`);
    say('The running Collector keeps its last good configuration in local mode; in compose it stops at its next restart. Fix the file, or: pnpm lab workshop reset');
    await report(target, lab.name, 'failed', `the Collector refuses the configuration: ${ready.refused}`);
    return 1;
  }
  const scenario = `lab-${lab.name}`;
  const verdict: PipelineVerdict =
    lab.name === 'the-bill-or-the-bug' ? await checkSampling(target, scenario, ready.config, ready.before) : await checkWholeTraces(target, scenario, ready.config);
  if (verdict.report) say(renderReport(verdict.report, { color: process.stdout.isTTY }));
  if (verdict.problems.length === 0) {
    say(`\n✔ ${lab.name}: fixed. ${lab.name === 'the-bill-or-the-bug' ? 'Every error and every slow trace kept, and a fair share of the rest.' : 'Every trace is whole.'}`);
    await report(target, lab.name, 'passed');
    return 0;
  }
  say(`\n✘ ${lab.name}: not fixed yet:\n${verdict.problems.map((p) => `  - ${p}`).join('\n')}`);
  await report(target, lab.name, 'failed', verdict.problems.join('; '));
  return 1;
}

async function check(lab: LabDefinition, target: AdminTarget, source: 'jaeger' | 'local'): Promise<number> {
  if (lab.kind === 'pipeline') return checkPipelineLab(lab, target);
  const { report: doctor, symptoms } =
    lab.kind === 'code' ? await checkCodeLab(lab) : await checkFaultLab(lab, target, source);
  say(renderReport(doctor, { color: process.stdout.isTTY }));
  const problems = [...doctor.findings.filter((f) => f.kind !== 'link').map((f) => f.hop ?? f.message), ...symptoms];
  if (doctor.whole && symptoms.length === 0) {
    say(`\n✔ ${lab.name}: fixed. Every trace is whole.`);
    await report(target, lab.name, 'passed');
    return 0;
  }
  say(`\n✘ ${lab.name}: not fixed yet:\n${[...new Set(problems)].map((p) => `  - ${p}`).join('\n')}`);
  await report(target, lab.name, 'failed', [...new Set(problems)].join('; '));
  return 1;
}

async function reset(target: AdminTarget): Promise<number> {
  let untouched = 0;
  for (const lab of CODE_LABS) {
    for (const edit of lab.edits) {
      if (!revertEdit(ROOT, edit)) {
        untouched++;
        say(`${lab.name}: ${edit.file} was edited by hand; restore it with: git checkout -- ${edit.file}`);
      }
    }
  }
  const restored = restoreCollectorConfig(ROOT);
  if (restored) say(`${shownPath(ROOT, restored)}: the shipped configuration is back (pnpm start:local reloads it; compose: docker compose restart otel-collector)`);
  await admin(target, 'POST', '/admin/faults/reset').catch(() => say('faults not reset: the stack is not reachable'));
  for (const lab of LABS) await report(target, lab.name, 'idle');
  say(untouched === 0 ? `workshop reset: code restored${restored ? ', Collector configuration restored' : ''}, faults off` : 'workshop reset: see the files above');
  return untouched === 0 ? 0 : 1;
}

function list(): number {
  for (const lab of LABS) {
    const codeLab = findCodeLab(lab.name);
    const started = codeLab ? codeLab.edits.every((e) => editState(ROOT, e) === 'applied') : lab.kind === 'pipeline' && readPipelineLabState(ROOT)?.lab === lab.name;
    say(`${lab.name.padEnd(22)} ${lab.kind.padEnd(8)} ${(lab.fault ?? '').padEnd(20)} ${lab.title} ${started ? '[started]' : ''}`);
  }
  say('\nThe stories, hints and fixes: docs/workshop/');
  return 0;
}

export async function workshopCommand(argv: string[]): Promise<number> {
  const [action, name, ...rest] = argv;
  const source = rest.includes('--source') ? (rest[rest.indexOf('--source') + 1] as 'jaeger' | 'local') : 'jaeger';
  const target = adminTargetFromEnv();
  const lab = findLab(name);
  try {
    if (action === 'list') return list();
    if (action === 'reset') return await reset(target);
    if ((action === 'start' || action === 'check') && lab) return action === 'start' ? await start(lab, target) : await check(lab, target, source);
    if (name && !lab) console.error(`no lab named ${name}; pnpm lab workshop list`);
  } catch (error) {
    console.error(`lab workshop: ${(error as Error).message}`);
    return 1;
  }
  console.error(USAGE);
  return 2;
}
