/**
 * InvalidQueryError: a query the caller got wrong (a malformed cursor, a bad
 * region or window): a 400, not a 500. Its own file so that the read model
 * and the regulators' queries both throw it without importing each other.
 */
export class InvalidQueryError extends Error {
  override name = 'InvalidQueryError';
}
