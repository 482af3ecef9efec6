/**
 * VictoriaLogs' flags beside its data folder and listen address, the same in docker-compose.yml,
 * the Helm chart and local mode (e2e/deploy tests compare them): seven days of logs, at most
 * 1 GiB of disk, and caches sized for its memory limit, not for the machine's.
 */
export const VICTORIALOGS_FLAGS = ['-retentionPeriod=7d', '-retention.maxDiskSpaceUsageBytes=1GiB', '-memory.allowedBytes=24MiB', '-loggerLevel=WARN'];

/** Go's soft memory limit, a little under the container's limit (docker-compose.yml). */
export const VICTORIALOGS_GOMEMLIMIT = '40MiB';
