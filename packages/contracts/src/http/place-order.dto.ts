// The decorators below read design-time types: the metadata API must exist before they run.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsCreditCard,
  IsDefined,
  IsInt,
  IsObject,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class CardDto {
  @Matches(/^\d{12,19}$/, { message: 'card.number must be 12 to 19 digits, without spaces or dashes' })
  @IsCreditCard({ message: 'card.number must be a valid card number (Luhn checked)' })
  number!: string;

  @IsInt()
  @Min(1)
  @Max(12)
  expMonth!: number;

  @IsInt()
  @Min(2000)
  @Max(2100)
  expYear!: number;

  @Matches(/^\d{3,4}$/, { message: 'cvc must be 3 or 4 digits' })
  cvc!: string;
}

export class LineItemDto {
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'sku must be an uppercase product code such as TL-MUG' })
  sku!: string;

  @IsInt()
  @Min(1)
  @Max(100)
  quantity!: number;
}

/** Body of POST /orders, shared by the gateway (public API) and the order service. */
export class PlaceOrderDto {
  @Matches(/^cust-\d{4,8}$/, { message: 'customerId must look like cust-0042' })
  customerId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LineItemDto)
  items!: LineItemDto[];

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CardDto)
  card!: CardDto;
}

export interface PlacedOrder {
  orderId: string;
  status: string;
  totalCents: number;
  traceId: string | null;
}
