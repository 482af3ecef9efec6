import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppError, ErrorCode } from '@tracelab/service-kit';
import type { Request } from 'express';
import type { GatewayConfig } from '../config';

/** /admin/* needs `Authorization: Bearer <ADMIN_TOKEN>`. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.expected = Buffer.from(config.ADMIN_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    // Only the Bearer scheme: a bare token (or any other scheme) is refused.
    const given = Buffer.from(/^Bearer (\S+)$/i.exec(header)?.[1] ?? '');
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new AppError(401, ErrorCode.Unauthorized, 'admin API: send Authorization: Bearer <ADMIN_TOKEN>');
  }
}
