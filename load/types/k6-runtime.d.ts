/*
 * Globals the k6 runtime provides that @types/k6 does not declare.
 * (lib is ES2022 only, on purpose: no DOM, no Node; k6 has neither.)
 */
export {};

declare global {
  // https://grafana.com/docs/k6/latest/javascript-api/#console
  // eslint-disable-next-line no-var
  var console: {
    log(...data: unknown[]): void;
    info(...data: unknown[]): void;
    warn(...data: unknown[]): void;
    error(...data: unknown[]): void;
    debug(...data: unknown[]): void;
  };
}
