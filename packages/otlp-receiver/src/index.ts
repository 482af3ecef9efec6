export { decodeLogs, decodeTraces, type ReceivedLogRecord, type ReceivedSpan, SpanKind, StatusCode } from './otlp-json';
export { fetchLogs, fetchSpans, reviveLogRecord, reviveSpan, serializeLogRecord, serializeSpan, startReceiver, type Receiver } from './receiver';
