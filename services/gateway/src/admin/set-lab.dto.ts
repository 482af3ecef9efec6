import type { LabState } from '@tracelab/faults';
import { z } from 'zod';

const LAB_STATES = ['idle', 'started', 'passed', 'failed'] as const satisfies readonly LabState[];

const setLabSchema = z.strictObject({
  state: z.enum(LAB_STATES, { error: `must be one of ${LAB_STATES.join(', ')}` }),
  detail: z.string({ error: 'must be a string' }).max(2000, 'must be at most 2000 characters').optional(),
});

/** Body of POST /admin/labs/:name. */
export class SetLabDto {
  static readonly schema = setLabSchema;
}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface SetLabDto extends z.infer<typeof setLabSchema> {}
