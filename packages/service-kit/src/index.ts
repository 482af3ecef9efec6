// gRPC helpers (@tracelab/service-kit/grpc) and the RabbitMQ connection (@tracelab/service-kit/messaging)
// are subpaths of their own: services that neither call gRPC nor use the queue never load grpc-js or amqplib.
export { AppError, ErrorCode } from './errors';
export { ErrorBody, errorBody, statusToErrorCode } from './error-body';
export { HttpErrorFilter } from './http-error.filter';
export { HealthRegistry, HealthModule } from './health';
export { APP_CONFIG, ConfigModule } from './config.module';
export { SchemaValidationPipe } from './validation';
export { runService, type ServiceOptions } from './run-service';
export { loggerModule } from './logger';
export { DatabaseModule, PG_LISTENER, PG_POOL } from './database.module';
export { type JobOutcome, OnDemandJob, type OnDemandJobOptions } from './on-demand-job';
export { runMain } from './run-main';
export { FaultsModule, FaultWatcher } from './faults.module';
export { ServiceCoreModule, type ServiceCoreOptions } from './service-core.module';
export { serverSpan } from './server-span';
