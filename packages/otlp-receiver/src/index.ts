export { decodeTraces, type ReceivedSpan, SpanKind, StatusCode } from './otlp-json';
export { startReceiver, type Receiver } from './receiver';
