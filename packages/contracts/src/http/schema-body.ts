import type { z } from 'zod';

type SchemaBody<Schema extends z.ZodType> = { new (): z.infer<Schema>; readonly schema: Schema };

/**
 * A class to declare a request body with: Nest hands the declared class to the global validation
 * pipe, which parses the body with its static `schema`; an instance has the schema's fields.
 */
export function schemaBody<Schema extends z.ZodType>(schema: Schema): SchemaBody<Schema> {
  return class {
    static readonly schema = schema;
  } as unknown as SchemaBody<Schema>;
}
