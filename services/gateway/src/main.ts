import { runMain, runService } from '@tracelab/service-kit';
import { ignoreIncomingBaggage } from '@tracelab/telemetry';
import { AppModule } from './app.module';
import { loadGatewayConfig } from './config';

runMain(async () => {
  // The gateway decides the customer tier; a client's value must not reach any span or service.
  ignoreIncomingBaggage(['shop.customer.tier']);
  const config = loadGatewayConfig();
  await runService({ module: AppModule.register(config), httpPort: config.PORT, host: config.BIND_HOST, shutdownGraceMs: config.SHUTDOWN_GRACE_MS, bodyLimit: config.BODY_LIMIT });
});
