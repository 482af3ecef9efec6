import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { trace } from '@opentelemetry/api';
import { FaultWatcher } from '@tracelab/service-kit';
import { GrpcStatus } from '@tracelab/service-kit/grpc';

/** The faults that act inside a Score call: retry-storm (transient failures) and cascade (a hang). */
@Injectable()
export class RiskFaults {
  constructor(@Inject(FaultWatcher) private readonly faults: FaultWatcher) {}

  async beforeScore(): Promise<void> {
    const storm = this.faults.paramsIfOn<{ failRate: number }>('retry-storm');
    if (storm && Math.random() < storm.failRate) {
      trace.getActiveSpan()?.setAttribute('shop.fault.name', 'retry-storm');
      throw new RpcException({ code: GrpcStatus.UNAVAILABLE, message: 'risk store overloaded, try again (fault retry-storm)' });
    }
    const cascade = this.faults.paramsIfOn<{ hangMs: number }>('cascade');
    if (cascade) {
      trace.getActiveSpan()?.setAttribute('shop.fault.name', 'cascade');
      await sleep(cascade.hangMs);
    }
  }
}
