import { z } from 'zod';

/** Raised at start-up when an environment variable is missing or malformed; names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const raw = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const got = raw === undefined ? 'not set' : `got ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}`;
    return `${name}: ${issue.message} (${got})`;
  });
  throw new ConfigError(problems);
}
