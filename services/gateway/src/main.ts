import { runMain, runService } from '@tracelab/service-kit';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';

runMain(async () => {
  const config = loadGatewayConfig();
  await runService({ module: AppModule.register(config), httpPort: config.PORT, bodyLimit: config.BODY_LIMIT });
});
