import { PAYMENT } from '@tracelab/contracts';
import { runMain, runService } from '@tracelab/service-kit';
import { AppModule } from './app.module';
import { loadPaymentConfig } from './config';

runMain(async () => {
  const config = loadPaymentConfig();
  await runService({
    module: AppModule.register(config),
    httpPort: config.PORT,
    host: config.BIND_HOST,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
    grpc: { contract: PAYMENT, port: config.GRPC_PORT },
  });
});
