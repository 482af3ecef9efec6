/** What a bootstrap returns: the one handle the process keeps to flush and stop its telemetry. */
export interface Telemetry {
  shutdown(): Promise<void>;
}
