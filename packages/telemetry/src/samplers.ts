import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';

/** The sampler named in OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG (default: parentbased_always_on). */
export function samplerFromEnv(
  name = process.env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
  arg = process.env.OTEL_TRACES_SAMPLER_ARG,
): Sampler {
  const parsed = arg === undefined ? NaN : Number(arg);
  const ratio = Number.isFinite(parsed) && parsed >= 0 && parsed <= 1 ? parsed : 1;
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    default:
      throw new Error(`OTEL_TRACES_SAMPLER: unsupported sampler "${name}"`);
  }
}
