import { Controller } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import * as fraud from '@tracelab/contracts/fraud';
import { RiskFaults } from './risk-faults';
import { RiskService } from './risk.service';

@Controller()
@fraud.FraudDetectionServiceControllerMethods()
export class RiskGrpcController implements fraud.FraudDetectionServiceController {
  constructor(
    private readonly riskService: RiskService,
    private readonly riskFaults: RiskFaults,
  ) {}

  async score(request: fraud.ScoreRequest): Promise<fraud.ScoreResponse> {
    trace.getActiveSpan()?.setAttributes({ 'shop.order.id': request.orderId, 'shop.customer.id': request.customerId });
    await this.riskFaults.beforeScore();
    const result = await this.riskService.score(request);
    trace.getActiveSpan()?.setAttributes({ 'shop.fraud.risk_score': result.riskScore, 'shop.fraud.high_risk': result.highRisk });
    return result;
  }
}
