import { Controller, Get, Global, Injectable, Module, Res } from '@nestjs/common';
import type { Response } from 'express';

type Check = () => boolean | Promise<boolean>;

/** Readiness checks registered by each service (database, broker, seed data). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, Check>();

  register(name: string, check: Check): void {
    this.checks.set(name, check);
  }

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          return [name, await check()] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    return { ready: entries.every(([, ok]) => ok), checks: Object.fromEntries(entries) };
  }
}

@Controller()
class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('healthz')
  async healthz(@Res() response: Response): Promise<void> {
    const { ready, checks } = await this.registry.evaluate();
    response.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'unavailable', checks });
  }
}

@Global()
@Module({ controllers: [HealthController], providers: [HealthRegistry], exports: [HealthRegistry] })
export class HealthModule {}
