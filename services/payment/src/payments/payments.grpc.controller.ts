import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import * as payment from '@tracelab/contracts/payment';
import { deadlineOf } from '@tracelab/service-kit/grpc';
import { PaymentsService } from './payments.service';

@Controller()
@payment.PaymentServiceControllerMethods()
export class PaymentsGrpcController implements payment.PaymentServiceController {
  constructor(private readonly paymentsService: PaymentsService) {}

  charge(request: payment.ChargeRequest, _metadata?: Metadata, call?: ServerUnaryCall<unknown, unknown>): Promise<payment.ChargeResponse> {
    return this.paymentsService.charge(request, deadlineOf(call));
  }
}
