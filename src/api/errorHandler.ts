/**
 * The root error handler and not-found handler: every failure becomes RFC
 * 9457 problem+json (problem.ts). Registered before any route, so that a
 * route's declared 4xx schemas never see a raw validation error (STACK.md).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { issueRejection } from '../domain/index.js';
import { MerkleIntegrityError } from '../hash/index.js';
import { ProofUnavailableError } from '../verify/index.js';
import { InvalidQueryError } from '../projections/index.js';
import { titleOf } from './errors.js';
import { htmlError } from './pages/routes.js';
import { ProblemError, sendProblem, type FieldError } from './problem.js';

const FASTIFY_CODES: Record<string, ProblemError['code']> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PayloadTooLarge',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UnsupportedMediaType',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MalformedBody',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MalformedBody',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MalformedBody',
  FST_ERR_VALIDATION: 'ValidationFailed',
  FST_ERR_NOT_FOUND: 'NotFound',
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    if (error instanceof ProofUnavailableError && error.retriable) reply.header('retry-after', '1');
    if (request.routeOptions.config?.html && !/json/.test(request.headers.accept ?? '')) {
      return reply.code(problem.statusCode).type('text/html; charset=utf-8').send(htmlError(problem));
    }
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, new ProblemError('NotFound', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}

/**
 * frameworkErrors answers the router's own refusals — a path that is not
 * valid percent-encoded UTF-8 (FST_ERR_BAD_URL), a path segment over
 * maxParamLength (FST_ERR_MAX_PARAM_LENGTH) — as problems too: without it
 * fastify sends its own JSON, which no client of this API expects.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const code = error.code === 'FST_ERR_BAD_URL' ? 'MalformedUrl' : error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'UriTooLong' : 'Internal';
  const detail = code === 'Internal' ? 'the server failed to route this request' : titleOf(code);
  sendProblem(reply, new ProblemError(code, detail));
}

function toProblem(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return validationProblem(error);
  if (error instanceof InvalidQueryError) return new ProblemError('InvalidQuery', error.message);
  // Not the client's mistake: a chunk of the node's leaf file is being put right (retriable), or the log
  // did not fit it and the node is stopped (LeafRepair); an unguarded failure of the file is the node's too.
  if (error instanceof ProofUnavailableError || error instanceof MerkleIntegrityError)
    return new ProblemError('ProofUnavailable', error.message);
  if (isResponseSerializationError(error as never)) return new ProblemError('Internal', 'the response did not match its schema');
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 500) return new ProblemError('Internal', 'the server failed to answer this request');
  const code = FASTIFY_CODES[error.code] ?? (error instanceof SyntaxError ? 'MalformedBody' : genericCode(status));
  return new ProblemError(code, error.message);
}

function genericCode(status: number): ProblemError['code'] {
  if (status === 404) return 'NotFound';
  if (status === 405) return 'MethodNotAllowed';
  if (status === 406) return 'NotAcceptable';
  if (status === 413) return 'PayloadTooLarge';
  if (status === 415) return 'UnsupportedMediaType';
  if (status === 429) return 'RateLimited';
  return 'MalformedBody';
}

interface ZodIssueLike {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message: string;
  readonly params?: { params?: { rejection?: unknown } };
}

/** A request that failed its zod schema: 400, naming every failing field (headers by their name). */
function validationProblem(error: FastifyError): ProblemError {
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  const issues = (error.validation ?? []) as unknown as ZodIssueLike[];
  const errors: FieldError[] = issues.map((issue) => {
    const path = issue.instancePath.split('/').filter(Boolean);
    const { code, field, message } = issueRejection({ path, message: issue.message, params: issue.params?.params }, 'ValidationFailed');
    return { field: field ?? context, code, message };
  });
  const [first] = errors;
  const detail = first ? `${context} ${first.field}: ${first.message}` : `the ${context} does not match its schema`;
  return new ProblemError('ValidationFailed', detail, { errors, ...(first ? { field: first.field } : {}) });
}
