import { redactCardNumbers } from '@tracelab/telemetry';

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * Masks card numbers inside the string literals of one JSON log line (URLs, messages, error
 * texts, keys); numbers such as `time` are not strings and stay as they are.
 */
export function maskLogLine(line: string): string {
  return line.replace(JSON_STRING, (literal) => redactCardNumbers(literal));
}
