import { Controller, Get } from '@nestjs/common';
import type * as inventory from '@tracelab/contracts/inventory';
import { Downstream } from '../downstream/downstream.module';
import { toAppError } from '../downstream/grpc-errors';

@Controller('products')
export class CatalogHttpController {
  constructor(private readonly downstream: Downstream) {}

  @Get()
  async list(): Promise<inventory.Product[]> {
    try {
      return (await this.downstream.listProducts()).products;
    } catch (error) {
      throw toAppError(error, 'inventory');
    }
  }
}
