import { ORDER_ID_HEADER, TIMEOUT_HEADER } from '@tracelab/contracts/http';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import type { Placement } from './orders.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (field: string, problem: string) =>
  new AppError(400, ErrorCode.InvalidRequest, `${field} ${problem}`, { fields: [{ field, problems: [problem] }] });

/** The gateway's order id and time budget, from its headers; both optional, both checked. */
export function placementFrom(headers: Record<string, string | string[] | undefined>, now = Date.now()): Placement {
  const orderId = headers[ORDER_ID_HEADER];
  const budget = headers[TIMEOUT_HEADER];
  if (orderId !== undefined && (typeof orderId !== 'string' || !UUID.test(orderId))) throw invalid(ORDER_ID_HEADER, 'must be a UUID');
  if (budget !== undefined && (typeof budget !== 'string' || !/^\d{1,7}$/.test(budget))) {
    throw invalid(TIMEOUT_HEADER, 'must be a whole number of milliseconds');
  }
  return { orderId: orderId?.toLowerCase(), deadline: budget === undefined ? undefined : now + Number(budget) };
}
