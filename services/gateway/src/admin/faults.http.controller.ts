import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from './admin-token.guard';
import { type FaultView, FaultsAdminService } from './faults-admin.service';
import { SetFaultDto } from './set-fault.dto';

@Controller('admin/faults')
@UseGuards(AdminTokenGuard)
export class FaultsHttpController {
  constructor(private readonly faults: FaultsAdminService) {}

  @Get()
  async list(): Promise<{ faults: FaultView[] }> {
    return { faults: await this.faults.list() };
  }

  @Post('reset')
  @HttpCode(200)
  async reset(): Promise<{ faults: FaultView[] }> {
    await this.faults.store.reset();
    return { faults: await this.faults.list() };
  }

  @Post(':name')
  @HttpCode(200)
  set(@Param('name') name: string, @Body() body: SetFaultDto): Promise<FaultView> {
    return this.faults.set(name, body.enabled, body.params);
  }
}
