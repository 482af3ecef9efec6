import { Inject, Injectable } from '@nestjs/common';
import type * as fraud from '@tracelab/contracts/fraud';
import type { Pool } from '@tracelab/db';
import { PG_POOL } from '@tracelab/service-kit';
import { HIGH_RISK_THRESHOLD, UNKNOWN_CUSTOMER_SCORE } from './risk-policy';

@Injectable()
export class RiskService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async score(request: fraud.ScoreRequest): Promise<fraud.ScoreResponse> {
    const { rows } = await this.pool.query<{ risk_score: number }>(
      'SELECT risk_score FROM customer_risk WHERE customer_id = $1',
      [request.customerId],
    );
    const riskScore = rows[0]?.risk_score ?? UNKNOWN_CUSTOMER_SCORE;
    return { riskScore, highRisk: riskScore >= HIGH_RISK_THRESHOLD };
  }
}
