import { runMain, runService } from '@tracelab/service-kit';
import { AppModule } from './app.module';
import { loadOrderConfig } from './config';

runMain(async () => {
  const config = loadOrderConfig();
  await runService({ module: AppModule.register(config), httpPort: config.PORT, host: config.BIND_HOST, shutdownGraceMs: config.SHUTDOWN_GRACE_MS });
});
