/** A trace id that is not 32 hex digits (W3C Trace Context), refused before anything is looked up. */
export class InvalidTraceIdError extends Error {
  constructor(readonly value: string) {
    super(`a trace id is 32 hex digits (0-9, a-f), not all zero; got '${value.length > 80 ? `${value.slice(0, 80)}…` : value}'`);
    this.name = 'InvalidTraceIdError';
  }
}

/** The trace id in lower case, or an InvalidTraceIdError. Keeps anything else out of a LogsQL query. */
export function parseTraceId(value: string): string {
  const id = value.trim().toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(id) || /^0+$/.test(id)) throw new InvalidTraceIdError(value);
  return id;
}
