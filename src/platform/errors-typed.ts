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
    /** Other fields refused by the same save, shown at once beside each. */
    readonly others: Record<string, string> = {},
  ) {
    super(message);
  }

  /** Every message of a save refused on several fields; none when `errors` is empty. */
  static ofFields(errors: Record<string, string>): RuleError | null {
    const [first, ...rest] = Object.entries(errors);
    if (!first) return null;
    return new RuleError(first[0], first[1], Object.fromEntries(rest));
  }
}
