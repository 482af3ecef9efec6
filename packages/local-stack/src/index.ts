export { grpcPort, SERVICES, type ServiceSpec, wiringEnv } from './services';
export { hasExited, type LoggedChild } from './child';
export { startStack, type RunningService, type ServiceExit, type Stack, type StackOptions } from './stack';
export { ensureVhost } from './vhost';
export { collectorEnv, findTool, jaegerEnv, localPrometheusConfig, pipelinePorts, startPipeline, type Pipeline, type PipelineOptions, type PipelinePorts, type PipelineProcess, type PipelineTool } from './pipeline';
export { clockTicksPerSecond, CpuLedger, type CpuObservation, type MemoryKib, parseProcStat, parseSmapsRollup, type ProcStat, readMemory, readProcStat } from './proc-usage';
export { hostPreloadPath, imageAllocatorEnv, imageRuntimeEnv } from './image-env';
export { collectorErrorLine, type CollectorWatch, type ReloadEvent, validateCollectorConfig, type Validation, watchCollectorConfig, type WatchOptions } from './collector-reload';
