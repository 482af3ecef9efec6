import { Body, Controller, Get, Param, Put, UseGuards } from '@nestjs/common';
import { type LabDefinition, LABS, type LabRecord } from '@tracelab/faults';
import { AppError, ErrorCode } from '@tracelab/service-kit';
import { AdminTokenGuard } from './admin-token.guard';
import { FaultsAdminService } from './faults-admin.service';
import { SetLabDto } from './set-lab.dto';

@Controller('admin/labs')
@UseGuards(AdminTokenGuard)
export class LabsHttpController {
  constructor(private readonly faults: FaultsAdminService) {}

  /** Every lab of docs/workshop, with its progress as last reported by `pnpm lab workshop`. */
  @Get()
  async list(): Promise<{ labs: (LabDefinition & Partial<LabRecord>)[] }> {
    const progress = new Map((await this.faults.store.labs()).map((lab) => [lab.name, lab]));
    return { labs: LABS.map((lab) => ({ state: 'idle' as const, ...lab, ...progress.get(lab.name) })) };
  }

  @Put(':name')
  report(@Param('name') name: string, @Body() body: SetLabDto): Promise<LabRecord> {
    if (!LABS.some((lab) => lab.name === name)) {
      throw new AppError(404, ErrorCode.NotFound, `no lab named ${name}`, { labs: LABS.map((lab) => lab.name) });
    }
    return this.faults.store.setLab(name, body.state, body.detail ?? null);
  }
}
