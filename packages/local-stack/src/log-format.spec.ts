import { prettyLines, rawLines, wantsColour } from './log-format';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const ANSI = /\u001b\[/;
const request = JSON.stringify({
  level: 30,
  time: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  pid: 42,
  hostname: 'laptop',
  trace_id: TRACE,
  span_id: '00f067aa0ba902b7',
  trace_flags: '01',
  req: { method: 'POST', url: '/orders' },
  res: { statusCode: 201 },
  responseTime: 45,
  msg: 'request completed',
});

describe('prettyLines', () => {
  const plain = prettyLines({ colorize: false });

  it('makes one line of a pino line: time, level, service, message, request, answer, short trace id', () => {
    const line = plain('gateway', request);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO \(gateway\): request completed POST \/orders → 201 45 ms trace 4bf92f35$/);
    expect(line).not.toMatch(ANSI);
    expect(line).not.toContain(TRACE);
  });

  it("keeps Nest's context, an error's message and the other fields on that one line", () => {
    const line = plain(
      'order',
      JSON.stringify({ level: 40, time: 0, context: 'Outbox', orderId: 'ord-1', err: { type: 'Error', message: 'channel closed', stack: 'Error: channel closed\n    at x' }, msg: 'relay failed' }),
    );
    expect(line).toMatch(/ WARN \(order\): \[Outbox\] relay failed Error: channel closed \{"orderId":"ord-1"\}$/);
    expect(line).not.toContain('at x');
  });

  it('passes a line that is not pino JSON through, naming its service', () => {
    expect(plain('payment', '(node:12) Warning: something')).toBe('(payment) (node:12) Warning: something');
    expect(plain('payment', '{not json')).toBe('(payment) {not json');
    expect(plain('payment', '{"no":"level"}')).toBe('(payment) {"no":"level"}');
  });

  it('colours level and trace id only when asked', () => {
    expect(prettyLines({ colorize: true })('gateway', request)).toMatch(ANSI);
  });
});

describe('rawLines', () => {
  it('keeps the JSON as written, behind the service name', () => {
    expect(rawLines('order', request)).toBe(`[order] ${request}`);
  });
});

describe('wantsColour', () => {
  it('colours a terminal, not a pipe; NO_COLOR and TERM=dumb win over a terminal, FORCE_COLOR over a pipe', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, { CI: 'true' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});
