import { INVENTORY } from '@tracelab/contracts';
import { runMain, runService } from '@tracelab/service-kit';
import { AppModule } from './app.module';
import { loadInventoryConfig } from './config';

runMain(async () => {
  const config = loadInventoryConfig();
  await runService({
    module: AppModule.register(config),
    httpPort: config.PORT,
    host: config.BIND_HOST,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    grpc: { contract: INVENTORY, port: config.GRPC_PORT },
  });
});
