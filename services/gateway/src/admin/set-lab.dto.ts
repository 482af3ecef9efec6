import type { LabState } from '@tracelab/faults';
import { schemaBody } from '@tracelab/contracts/http';
import { z } from 'zod';

const LAB_STATES = ['idle', 'started', 'passed', 'failed'] as const satisfies readonly LabState[];

const setLabSchema = z.strictObject({
  state: z.enum(LAB_STATES, { error: `must be one of ${LAB_STATES.join(', ')}` }),
  detail: z.string({ error: 'must be a string' }).max(2000, 'must be at most 2000 characters').optional(),
});

/** Body of POST /admin/labs/:name. */
export class SetLabDto extends schemaBody(setLabSchema) {}
