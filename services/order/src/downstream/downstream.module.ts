import { Global, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import type { ClientGrpc } from '@nestjs/microservices';
import { INVENTORY, PAYMENT } from '@tracelab/contracts';
import * as inventory from '@tracelab/contracts/inventory';
import * as payment from '@tracelab/contracts/payment';
import { APP_CONFIG, AppError, ErrorCode } from '@tracelab/service-kit';
import { callUnary, grpcClientProvider } from '@tracelab/service-kit/grpc';
import type { OrderConfig } from '../config';

const INVENTORY_CLIENT = Symbol('INVENTORY_CLIENT');
const PAYMENT_CLIENT = Symbol('PAYMENT_CLIENT');

/**
 * Time left of the caller's budget (epoch ms): a call's deadline is its own timeout or what the
 * caller still waits, whichever is sooner, so work stops when nobody waits for it.
 */
function within(timeoutMs: number, deadline?: number): number {
  if (deadline === undefined) return timeoutMs;
  const left = deadline - Date.now();
  if (left <= 0) throw new AppError(503, ErrorCode.DependencyUnavailable, 'the caller stopped waiting (request deadline passed)');
  return Math.min(timeoutMs, left);
}

/** Typed gRPC calls to inventory and payment, each with its deadline. */
@Injectable()
export class Downstream implements OnModuleInit {
  private inventory!: inventory.InventoryServiceClient;
  private payment!: payment.PaymentServiceClient;

  constructor(
    @Inject(INVENTORY_CLIENT) private readonly inventoryClient: ClientGrpc,
    @Inject(PAYMENT_CLIENT) private readonly paymentClient: ClientGrpc,
    @Inject(APP_CONFIG) private readonly config: OrderConfig,
  ) {}

  onModuleInit(): void {
    this.inventory = this.inventoryClient.getService(inventory.INVENTORY_SERVICE_NAME);
    this.payment = this.paymentClient.getService(payment.PAYMENT_SERVICE_NAME);
  }

  listProducts(): Promise<inventory.ListProductsResponse> {
    return callUnary(this.inventory.listProducts.bind(this.inventory), {}, this.config.INVENTORY_TIMEOUT_MS);
  }

  reserve(request: inventory.ReserveRequest, deadline?: number): Promise<inventory.ReserveResponse> {
    return callUnary(this.inventory.reserve.bind(this.inventory), request, within(this.config.INVENTORY_TIMEOUT_MS, deadline));
  }

  release(orderId: string): Promise<inventory.ReleaseResponse> {
    return callUnary(this.inventory.release.bind(this.inventory), { orderId }, this.config.INVENTORY_TIMEOUT_MS);
  }

  charge(request: payment.ChargeRequest, deadline?: number): Promise<payment.ChargeResponse> {
    return callUnary(this.payment.charge.bind(this.payment), request, within(this.config.PAYMENT_TIMEOUT_MS, deadline));
  }
}

@Global()
@Module({
  providers: [
    grpcClientProvider(INVENTORY_CLIENT, INVENTORY, 'INVENTORY_GRPC_URL'),
    grpcClientProvider(PAYMENT_CLIENT, PAYMENT, 'PAYMENT_GRPC_URL'),
    Downstream,
  ],
  exports: [Downstream],
})
export class DownstreamModule {}
