import { ProblemCode, ProblemError } from '@hookline/http-api';

/**
 * A create that collided with a live resource of the same name. Over REST it is the plain 409 conflict;
 * the gRPC API tells it apart from other conflicts and answers ALREADY_EXISTS.
 */
export class AlreadyExistsProblem extends ProblemError {
  constructor(what: string) {
    super(ProblemCode.conflict, 409, `${what} already exists`);
  }
}
