export { decodeTraces, type ReceivedSpan, SpanKind, StatusCode } from './otlp-json';
export { fetchSpans, reviveSpan, serializeSpan, startReceiver, type Receiver } from './receiver';
