// One mode against one target: a fresh stack (and receiver), an idle window, a warm-up, the paced
// phase, the max-throughput phase, and a paced phase at half the max rate.
import { hostProbeMs } from './host-probe.mjs';
import { maxLoad } from './max-load.mjs';
import { measureCpu, measureMemory } from './measure.mjs';
import { EXPORTING_MODES, LOG_MODES, MODE_ENV, modeLabel } from './modes.mjs';
import { ORDER_HEADERS, orderBody } from './orders.mjs';
import { pacedLoad } from './paced-load.mjs';
import { watchProcesses } from './processes.mjs';
import { startReceiverChild } from './receiver-child.mjs';
import { perUnit, withTotals } from './groups.mjs';
import { withStack } from './stack.mjs';
import { sleep } from './stats.mjs';

const DRAIN_MS = 2000; // after the last answer: the notification consumer and the last span export

/** Spans and log records of one order's trace, once the trace has stopped growing. */
async function perOrderCounts(stack, receiver) {
  const response = await fetch(`${stack.gatewayUrl}/orders`, { method: 'POST', headers: ORDER_HEADERS, body: orderBody(7) });
  const traceId = response.headers.get('x-trace-id');
  if (response.status !== 201 || !traceId) throw new Error(`the probe order answered ${response.status} (trace ${traceId})`);
  let size = 0;
  for (let stable = 0; stable < 4; ) {
    await sleep(500);
    const now = await receiver.traceSize(traceId);
    stable = now === size && now > 0 ? stable + 1 : 0;
    size = now;
  }
  return { spans: size, logs: await receiver.traceLogCount(traceId) };
}

/** A load phase with the CPU of every group over it, per order and per second. */
async function measured(watch, load) {
  const { result, seconds, cpuMs, processes, machine } = await measureCpu(watch, async () => {
    const outcome = await load();
    await sleep(DRAIN_MS);
    return outcome;
  });
  const totals = withTotals(cpuMs);
  return { ...result, cpuSeconds: seconds, cpuMsPerOrder: perUnit(totals, result.ok), cpuMsPerSecond: perUnit(totals, seconds), processes, machine };
}

/** Spans (and log records, when exported) the phase's orders should have sent, and how many arrived. */
async function exportedOf(receiver, perOrder, ok, withLogs) {
  if (!receiver) return {};
  await receiver.settle();
  const [spansReceived, logsReceived] = [await receiver.spanCount(), await receiver.tracedLogCount()];
  await receiver.clear();
  const tally = (each, received) => ({ perOrder: each, expected: each * ok, received, dropped: Math.max(0, each * ok - received) });
  return { spans: tally(perOrder.spans, spansReceived), ...(withLogs ? { logs: tally(perOrder.logs, logsReceived) } : {}) };
}

export async function runMode(target, mode, config, ourRoot, log) {
  const receiver = EXPORTING_MODES.includes(mode) ? await startReceiverChild(ourRoot) : undefined;
  // Every mode builds the same exporter (unsampled's never gets a span); only the exporting modes reach the receiver.
  const exportEnv = { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json', ...(receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } : {}) };
  const result = { target: target.name, mode, label: modeLabel(mode, target.root) };
  try {
    await withStack(target, config, { ...MODE_ENV[mode], ...exportEnv }, async (stack) => {
      const watch = await watchProcesses({ databaseUrl: target.databaseUrl, services: () => stack.services.map((s) => ({ name: s.name, pid: s.process.pid })), receiverPid: receiver?.pid });
      try {
        let firstOrder = 0;
        const next = (count) => (firstOrder += count) - count;
        log(`${target.name}/${result.label}: stack ready; idle ${config.idleSeconds} s`);
        await sleep(config.settleSeconds * 1000);
        const idle = await measureCpu(watch, () => sleep(config.idleSeconds * 1000));
        result.idleCpuMsPerSecond = perUnit(withTotals(idle.cpuMs), idle.seconds);
        result.hostProbeMs = hostProbeMs();

        log(`warm-up: ${config.pacedRate}/s for ${config.warmupSeconds} s`);
        await pacedLoad(stack.gatewayUrl, { rate: config.pacedRate, seconds: config.warmupSeconds, firstOrder: next(10000) });
        const perOrder = receiver ? await perOrderCounts(stack, receiver) : { spans: 0, logs: 0 };
        const withLogs = LOG_MODES.includes(mode);
        if (receiver) {
          await receiver.settle();
          await receiver.clear();
        }

        log(`paced: ${config.pacedRate}/s for ${config.pacedSeconds} s`);
        result.paced = await measured(watch, () => pacedLoad(stack.gatewayUrl, { rate: config.pacedRate, seconds: config.pacedSeconds, firstOrder: next(100000) }));
        result.memoryMiB = withTotals(await measureMemory(watch));
        Object.assign(result.paced, await exportedOf(receiver, perOrder, result.paced.ok, withLogs));

        log(`max: ${config.connections} connections for ${config.maxSeconds} s`);
        result.max = await measured(watch, () => maxLoad(stack.gatewayUrl, { seconds: config.maxSeconds, connections: config.connections, firstOrder: next(1000000) }));
        Object.assign(result.max, await exportedOf(receiver, perOrder, result.max.ok, withLogs));

        const halfRate = Math.max(1, Math.floor(result.max.ordersPerSecond / 2));
        log(`half of max: ${halfRate}/s for ${config.pacedSeconds} s`);
        result.half = await measured(watch, () => pacedLoad(stack.gatewayUrl, { rate: halfRate, seconds: config.pacedSeconds, firstOrder: next(1000000) }));
        Object.assign(result.half, await exportedOf(receiver, perOrder, result.half.ok, withLogs));
      } finally {
        await watch.close();
      }
    });
  } finally {
    await receiver?.stop();
  }
  return result;
}
