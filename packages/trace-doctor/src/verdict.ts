import type { DoctorReport, Finding, TraceSummary } from './model';

/** The findings about one trace of a report: those naming it, and those about its orders. */
export function findingsAbout(report: DoctorReport, trace: TraceSummary): Finding[] {
  return report.findings.filter(
    (finding) =>
      finding.traceId === trace.traceId ||
      finding.relatedTraceId === trace.traceId ||
      (finding.orderId !== undefined && trace.orderIds.includes(finding.orderId)),
  );
}

/** Whether one trace of a report is whole: no finding about it but notes on span links. */
export function isWhole(report: DoctorReport, trace: TraceSummary): boolean {
  return findingsAbout(report, trace).every((finding) => finding.kind === 'link');
}

/**
 * The other halves of a split trace: the traces a `split-order` finding pairs with this one
 * (the doctor finds them by order id, or by time for a lost gateway → order context).
 */
export function otherHalves(report: DoctorReport, traceId: string): string[] {
  const halves = report.findings
    .filter((finding) => finding.kind === 'split-order')
    .flatMap((finding) =>
      finding.traceId === traceId ? [finding.relatedTraceId] : finding.relatedTraceId === traceId ? [finding.traceId] : [],
    )
    .filter((id): id is string => id !== undefined && id !== traceId);
  return [...new Set(halves)];
}
