import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import { Controller } from '@nestjs/common';
import * as inventory from '@tracelab/contracts/inventory';
import { deadlineOf } from '@tracelab/service-kit/grpc';
import { InventoryService } from './inventory.service';

@Controller()
@inventory.InventoryServiceControllerMethods()
export class InventoryGrpcController implements inventory.InventoryServiceController {
  constructor(private readonly inventoryService: InventoryService) {}

  async listProducts(): Promise<inventory.ListProductsResponse> {
    return { products: await this.inventoryService.listProducts() };
  }

  reserve(request: inventory.ReserveRequest, _metadata?: Metadata, call?: ServerUnaryCall<unknown, unknown>): Promise<inventory.ReserveResponse> {
    return this.inventoryService.reserve(request, deadlineOf(call));
  }

  release(request: inventory.ReleaseRequest): Promise<inventory.ReleaseResponse> {
    return this.inventoryService.release(request);
  }
}
