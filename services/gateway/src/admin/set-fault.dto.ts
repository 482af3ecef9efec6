import { schemaBody } from '@tracelab/contracts/http';
import { z } from 'zod';

const setFaultSchema = z.strictObject({
  enabled: z.boolean({ error: 'must be true or false' }),
  /** Replaces the fault's params (validated per fault); omitted: keep the current ones. */
  params: z.record(z.string(), z.unknown(), { error: 'must be an object' }).optional(),
});

/** Body of POST /admin/faults/:name. */
export class SetFaultDto extends schemaBody(setFaultSchema) {}
