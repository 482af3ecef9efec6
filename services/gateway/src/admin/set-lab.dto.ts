import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { LabState } from '@tracelab/faults';

export class SetLabDto {
  @IsIn(['idle', 'started', 'passed', 'failed'])
  state!: LabState;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  detail?: string;
}
