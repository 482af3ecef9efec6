import { join } from 'node:path';

// Only the wiring of the gRPC contracts lives here: each service loads the generated code it uses
// from its own subpath (@tracelab/contracts/inventory, /payment, /fraud) and the HTTP body classes
// (zod schemas) from @tracelab/contracts/http, so none carries the others' code.

/** Folder holding the .proto sources, shipped with the package so proto-loader can read them at run time. */
export const PROTO_ROOT = join(__dirname, '..', 'proto');

export interface GrpcContract {
  /** protobuf package, e.g. tracelab.inventory.v1 */
  readonly package: string;
  /** path of the .proto file below PROTO_ROOT */
  readonly protoFile: string;
  /** service name inside the package */
  readonly service: string;
}

export const INVENTORY: GrpcContract = {
  package: 'tracelab.inventory.v1',
  protoFile: 'tracelab/inventory/v1/inventory.proto',
  service: 'InventoryService',
};

export const PAYMENT: GrpcContract = {
  package: 'tracelab.payment.v1',
  protoFile: 'tracelab/payment/v1/payment.proto',
  service: 'PaymentService',
};

export const FRAUD: GrpcContract = {
  package: 'tracelab.fraud.v1',
  protoFile: 'tracelab/fraud/v1/fraud.proto',
  service: 'FraudDetectionService',
};

/** proto-loader options matching the ts-proto generated types (camelCase fields, defaults filled in). */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};
