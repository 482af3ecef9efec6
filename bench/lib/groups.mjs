// Sums of the per-process groups the figures are read by.
import { OTHER_DATABASES, POSTGRES_SERVER } from './processes.mjs';

export const SERVICE_NAMES = ['gateway', 'order', 'inventory', 'payment', 'fraud-detection', 'notification'];

/** The groups' values (numbers, or objects of numbers such as memory) plus the sums: six services, their Postgres backends, everything on the machine's side of the stack. */
export function withTotals(byGroup) {
  const add = (a, b) => (typeof b === 'object' ? Object.fromEntries(Object.keys(b).map((k) => [k, (a?.[k] ?? 0) + b[k]])) : (a ?? 0) + b);
  const sum = (names) => names.filter((name) => byGroup[name] !== undefined).reduce((total, name) => add(total, byGroup[name]), undefined);
  const groups = Object.keys(byGroup);
  const backends = groups.filter((g) => g.startsWith('postgres:'));
  return {
    ...byGroup,
    'six services': sum(SERVICE_NAMES),
    'postgres backends': sum(backends),
    postgres: sum([...backends, POSTGRES_SERVER]),
    total: sum(groups.filter((g) => g !== OTHER_DATABASES)),
  };
}

export const perUnit = (byGroup, divisor) => Object.fromEntries(Object.entries(byGroup).map(([group, value]) => [group, divisor > 0 ? value / divisor : undefined]));
