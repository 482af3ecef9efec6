import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as fraud from '@tracelab/contracts/fraud';
import type { Pool } from '@tracelab/db';
import { PG_POOL } from '@tracelab/service-kit';
import { HIGH_RISK_THRESHOLD, UNKNOWN_CUSTOMER_SCORE } from './risk-policy';

const RISK_QUERY = 'SELECT risk_score FROM customer_risk WHERE customer_id = $1';

/** A lookup slower than this is logged as a warning: it answers by primary key in about a millisecond. */
export const SLOW_LOOKUP_MS = 100;

@Injectable()
export class RiskService {
  private readonly logger = new Logger(RiskService.name);

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async score(request: fraud.ScoreRequest): Promise<fraud.ScoreResponse> {
    const started = performance.now();
    const { rows } = await this.pool.query<{ risk_score: number }>(RISK_QUERY, [request.customerId]);
    const durationMs = Math.round(performance.now() - started);
    const riskScore = rows[0]?.risk_score ?? UNKNOWN_CUSTOMER_SCORE;
    const fields = { orderId: request.orderId, customerId: request.customerId, riskScore, durationMs };
    if (durationMs >= SLOW_LOOKUP_MS) this.logger.warn({ ...fields, query: RISK_QUERY }, `slow risk lookup: ${durationMs} ms`);
    else this.logger.log(fields, 'risk scored');
    return { riskScore, highRisk: riskScore >= HIGH_RISK_THRESHOLD };
  }
}
