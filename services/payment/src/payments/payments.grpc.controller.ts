import { Controller } from '@nestjs/common';
import { payment } from '@tracelab/contracts';
import { PaymentsService } from './payments.service';

@Controller()
@payment.PaymentServiceControllerMethods()
export class PaymentsGrpcController implements payment.PaymentServiceController {
  constructor(private readonly paymentsService: PaymentsService) {}

  charge(request: payment.ChargeRequest): Promise<payment.ChargeResponse> {
    return this.paymentsService.charge(request);
  }
}
