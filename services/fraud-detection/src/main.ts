import { FRAUD } from '@tracelab/contracts';
import { runMain, runService } from '@tracelab/service-kit';
import { AppModule } from './app.module';
import { loadFraudConfig } from './config';

runMain(async () => {
  const config = loadFraudConfig();
  await runService({
    module: AppModule.register(config),
    httpPort: config.PORT,
    host: config.BIND_HOST,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    grpc: { contract: FRAUD, port: config.GRPC_PORT },
  });
});
