import type { z } from 'zod';
import { ProblemError, type FieldError } from './problem';

/** Zod issues as field errors, with the location (`query`, `header`…) in front when it is not the body. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], location?: string): FieldError[] {
  const fieldOf = (path: readonly PropertyKey[]) => {
    const field = [location, path.map(String).join('.')].filter((part) => part !== undefined && part !== '').join('.');
    return field === '' ? (location ?? 'body') : field;
  };
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'is not a known field' }))
      : [{ field: fieldOf(issue.path), message: issue.message }],
  );
}

/** Parses input with its schema or throws a 422 problem naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw ProblemError.validation(fieldErrors(result.error.issues, location));
  return result.data;
}
