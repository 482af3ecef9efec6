import { Module } from '@nestjs/common';
import { FRAUD } from '@tracelab/contracts';
import { grpcClientProvider } from '@tracelab/service-kit/grpc';
import { FRAUD_CLIENT, FraudClient } from './fraud-client';
import { PaymentsGrpcController } from './payments.grpc.controller';
import { PaymentsService } from './payments.service';

@Module({
  controllers: [PaymentsGrpcController],
  providers: [grpcClientProvider(FRAUD_CLIENT, FRAUD, 'FRAUD_GRPC_URL'), FraudClient, PaymentsService],
})
export class PaymentsModule {}
