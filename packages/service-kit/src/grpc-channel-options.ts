/**
 * Options every gRPC client and server here gets. Channelz, grpc's introspection service,
 * counts and timestamps every call on every channel; nothing here serves or reads it.
 */
export const GRPC_CHANNEL_OPTIONS = { 'grpc.enable_channelz': 0 } as const;
