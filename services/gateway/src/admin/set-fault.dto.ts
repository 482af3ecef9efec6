import { IsBoolean, IsObject, IsOptional } from 'class-validator';

export class SetFaultDto {
  @IsBoolean()
  enabled!: boolean;

  /** Replaces the fault's params (validated per fault); omitted: keep the current ones. */
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}
