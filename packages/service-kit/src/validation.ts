import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { AppError, ErrorCode } from './errors';

interface FieldProblem {
  field: string;
  problems: string[];
}

/** A body type checked by the pipe: a class whose static `schema` describes the body. */
interface SchemaCarrier {
  schema: z.ZodType;
}

const hasSchema = (metatype: unknown): metatype is SchemaCarrier =>
  typeof metatype === 'function' && typeof (metatype as Partial<SchemaCarrier>).schema?.safeParse === 'function';

/** `items[1].quantity`: dots between keys, brackets around indexes; `body` for the body itself. */
function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'body';
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)), '');
}

/**
 * Our wording for a missing or mistyped value, where the schema words none of its own (zod asks a
 * parse's error map only then); the schemas word their other checks themselves.
 */
const typeProblems: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined ? 'is required' : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
};

/** Every problem, per field in the order found; an unknown key is named as a field of its own. */
function fieldProblems(error: z.ZodError): FieldProblem[] {
  const fields = new Map<string, string[]>();
  const add = (field: string, problem: string) => fields.set(field, [...(fields.get(field) ?? []), problem]);
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') for (const key of issue.keys) add(fieldName([...issue.path, key]), 'is not allowed');
    else add(fieldName(issue.path), issue.message);
  }
  return [...fields].map(([field, problems]) => ({ field, problems }));
}

/**
 * The one global validation pipe: a body whose declared type carries a zod schema is parsed by it
 * (unknown fields rejected, every bad field named); other arguments pass untouched.
 */
export class SchemaValidationPipe implements PipeTransform {
  transform(value: unknown, { metatype }: ArgumentMetadata): unknown {
    if (!hasSchema(metatype)) return value;
    const result = metatype.schema.safeParse(value, { error: typeProblems });
    if (result.success) return result.data;
    const fields = fieldProblems(result.error);
    throw new AppError(400, ErrorCode.InvalidRequest, `invalid request: ${fields.map((f) => f.field).join(', ')}`, { fields });
  }
}
