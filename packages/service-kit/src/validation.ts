import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, ErrorCode } from './errors';

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** The one global validation pipe: unknown fields are rejected and every bad field is named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new AppError(
        400,
        ErrorCode.InvalidRequest,
        `invalid request: ${fields.map((f) => f.field).join(', ')}`,
        { fields },
      );
    },
  });
}
