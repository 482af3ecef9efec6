/**
 * The one place that decides what a card number looks like: 13-19 digits passing the Luhn
 * check, with or without separators (space, dash, dot, underscore, slash), alone or inside
 * other text (`card5105105105105100`, `cc_4012888888881881`, `/orders/4111111111111111`).
 * Every span, log line, baggage entry, outbox row and message header goes through it.
 */

// Identifiers that are digits and hex by nature and must survive unchanged: UUIDs, and hex ids
// (16 or 32 characters, as span and trace ids) that contain at least one letter.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const HEX_ID = '(?=[0-9a-fA-F]*[a-fA-F])(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{16})(?![0-9a-zA-Z])';
const SEPARATOR = '[\\s._/\\\\-]{1,3}';
const DIGIT_RUN = `\\d+(?:${SEPARATOR}\\d+)*`;
const TOKENS = new RegExp(`(?<![0-9a-zA-Z])(?<id>${UUID}|${HEX_ID})|(?<run>${DIGIT_RUN})`, 'g');
const GROUP = /\d+/g;

const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const mask = (digits: string) => `[card ****${digits.slice(-4)}]`;

/**
 * Masks the card numbers in one run of digit groups. A card is a sequence of whole groups:
 * `qty 2 4111 1111 1111 1111` keeps the 2 and masks the rest.
 */
function maskRun(run: string): string {
  const groups = [...run.matchAll(GROUP)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
  let out = '';
  let cursor = 0;
  for (let i = 0; i < groups.length; i++) {
    let digits = '';
    let found = -1;
    for (let j = i; j < groups.length; j++) {
      digits += groups[j]!.digits;
      if (digits.length > MAX_DIGITS) break;
      if (digits.length >= MIN_DIGITS && passesLuhn(digits)) found = j;
    }
    if (found < 0) continue;
    const whole = groups.slice(i, found + 1).map((g) => g.digits).join('');
    out += run.slice(cursor, groups[i]!.start) + mask(whole);
    cursor = groups[found]!.end;
    i = found;
  }
  return out + run.slice(cursor);
}

const isSeparator = (code: number) =>
  code === 32 || code === 46 || code === 95 || code === 47 || code === 92 || code === 45 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)));

/**
 * Whether the text has a run of at least 13 digits in groups joined by 1-3 separators, the only
 * shape TOKENS can turn into a card. One pass without allocating: nearly every span attribute
 * (names, SQL, ids) is answered here, and the redaction runs on every attribute of every span.
 */
export function mayHoldCardNumber(text: string): boolean {
  let digits = 0;
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (++digits >= MIN_DIGITS) return true;
      separators = 0;
    } else if (digits > 0 && isSeparator(code) && ++separators <= 3) {
      continue;
    } else {
      digits = 0;
      separators = 0;
    }
  }
  return false;
}

/** Replaces every card number in a text with `[card ****1234]` (the last four digits). */
export function redactCardNumbers(text: string): string {
  return mayHoldCardNumber(text) ? maskCardNumbers(text) : text;
}

/** The full scan behind redactCardNumbers, without its quick check. */
export function maskCardNumbers(text: string): string {
  return text.replace(TOKENS, (token: string, ...rest: unknown[]) => {
    const groups = rest.at(-1) as { run?: string };
    return groups.run === undefined ? token : maskRun(token);
  });
}

/** True when the text holds something that looks like a card number. */
export function containsCardNumber(text: string): boolean {
  return redactCardNumbers(text) !== text;
}
