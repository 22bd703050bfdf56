/** Errors with stable codes that the one error handler turns into French pages. */
export class ForbiddenError extends Error {
  statusCode = 403;
  code = 'ENTENTE_FORBIDDEN';
}

export class NotFoundError extends Error {
  statusCode = 404;
  code = 'ENTENTE_NOT_FOUND';
}

/** A rule of the domain refused the change; `field` says where the message goes in the form. */
export class RuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
