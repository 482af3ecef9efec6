import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from '@tracelab/db';
import { FAULTS, type FaultName, type FaultState, FaultStore, findFault } from '@tracelab/faults';
import { AppError, ErrorCode, PG_POOL } from '@tracelab/service-kit';
import { ZodError } from 'zod';

export interface FaultView extends FaultState {
  description: string;
  services: string[];
}

@Injectable()
export class FaultsAdminService {
  readonly store: FaultStore;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.store = new FaultStore(pool);
  }

  async list(): Promise<FaultView[]> {
    return (await this.store.list()).map((state) => this.view(state));
  }

  async set(name: string, enabled: boolean, params?: Record<string, unknown>): Promise<FaultView> {
    if (!findFault(name)) {
      throw new AppError(404, ErrorCode.NotFound, `no fault named ${name}`, { faults: FAULTS.map((f) => f.name) });
    }
    try {
      return this.view(await this.store.set(name as FaultName, enabled, params));
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      const fields = error.issues.map((issue) => ({ field: ['params', ...issue.path].join('.'), problems: [issue.message] }));
      throw new AppError(400, ErrorCode.InvalidRequest, `invalid params for ${name}: ${fields.map((f) => f.field).join(', ')}`, { fields });
    }
  }

  private view(state: FaultState): FaultView {
    const definition = findFault(state.name)!;
    return { ...state, description: definition.description, services: definition.services };
  }
}
