import { baseEnv, loadConfig, port, postgresUrl, z } from '@tracelab/config';


const schema = z.object({
  ...baseEnv,
  PORT: port(3002),
  GRPC_PORT: port(50051),
  DATABASE_URL: postgresUrl(),
});

export type InventoryConfig = z.infer<typeof schema>;
export const loadInventoryConfig = () => loadConfig(schema);
