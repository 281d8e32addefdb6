import { type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { adminErrors } from './admin-errors';

/** Validates a JSON body against a contract schema; a bad body is a 400 invalid_request naming the field. */
export class ZodBodyPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) {
      const problems = result.error.issues.map(
        (i) => `${i.path.join('.') || 'body'}: ${i.message}`,
      );
      throw adminErrors.invalidRequest(problems.join('; '));
    }
    return result.data;
  }
}
