/**
 * Options every gRPC client and server here gets. Channelz, grpc's introspection service,
 * records every call on every channel; nothing here serves or reads it, and turning it off
 * saved about 5 % of the six services' CPU per order (docs/benchmark.md).
 */
export const GRPC_CHANNEL_OPTIONS = { 'grpc.enable_channelz': 0 } as const;
