import fc from 'fast-check';
import { apiOperations, asApiDocument, type ApiOperation } from './api-document';
import { mutatedRequest, takesInput, toHttpRequest, validRequest, type FuzzRequest } from './request-arbitrary';
import { RequestSchemas } from './request-schemas';

export interface FuzzAuditOptions {
  /** Samples of each kind per operation. */
  runs?: number;
  seed?: number;
  /** Share of mutated requests the document's own schemas must refuse, where it constrains anything. */
  minRefusedShare?: number;
}

/** Whether the document constrains the operation's input beyond "a string": only then can a mutation break it. */
function constrainsInput(operation: ApiOperation): boolean {
  return operation.body !== null || operation.parameters.some((parameter) => Object.keys(parameter.schema ?? {}).some((key) => key !== 'type' && key !== 'description'));
}

function wireProblem(operation: ApiOperation, request: FuzzRequest): string | null {
  let http: ReturnType<typeof toHttpRequest>;
  try {
    http = toHttpRequest(request);
    new Headers(http.headers);
  } catch (error) {
    return `${operation.key}: a request cannot be sent: ${error instanceof Error ? error.message : String(error)}`;
  }
  // A dot segment would be folded away by URL parsing and reach another route.
  const segments = new URL(http.path, 'http://127.0.0.1').pathname.split('/').length;
  return segments === operation.path.split('/').length ? null : `${operation.key}: ${http.path} does not keep the path's segments`;
}

/**
 * What would make a fuzz run against this document meaningless, as a list (empty when none): an
 * operation without requests, a "valid" request the document itself refuses, a request that cannot be
 * put on the wire, or mutations that hardly ever break anything.
 */
export function fuzzRequestProblems(value: unknown, options: FuzzAuditOptions = {}): string[] {
  const document = asApiDocument(value);
  const schemas = new RequestSchemas(document);
  const runs = options.runs ?? 200;
  const seed = options.seed ?? 42;
  const minRefusedShare = options.minRefusedShare ?? 0.3;
  const problems: string[] = [];
  for (const operation of apiOperations(document)) {
    const valid = fc.sample(validRequest(document, operation), { numRuns: runs, seed });
    if (valid.length !== runs) problems.push(`${operation.key}: ${valid.length} of ${runs} valid requests`);
    const refused = valid.find((request) => schemas.errors(operation, request.parts) !== null);
    if (refused !== undefined) {
      problems.push(`${operation.key}: a valid request breaks the schema: ${schemas.errors(operation, refused.parts) ?? ''} in ${JSON.stringify(refused.parts).slice(0, 300)}`);
    }
    const firstWireProblem = (requests: FuzzRequest[]) => requests.map((request) => wireProblem(operation, request)).find((problem) => problem !== null) ?? null;
    const validWire = firstWireProblem(valid);
    if (validWire !== null) problems.push(validWire);
    if (!takesInput(operation)) continue;
    const mutated = fc.sample(mutatedRequest(document, operation), { numRuns: runs, seed });
    const mutatedWire = firstWireProblem(mutated);
    if (mutatedWire !== null) problems.push(mutatedWire);
    if (!constrainsInput(operation)) continue;
    const share = mutated.filter((request) => schemas.errors(operation, request.parts) !== null).length / runs;
    if (share < minRefusedShare) problems.push(`${operation.key}: only ${Math.round(share * 100)} % of mutated requests break the schema`);
  }
  return problems;
}
