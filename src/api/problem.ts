/**
 * RFC 9457 problem details. Every error leaves the API as one of these, with
 * a stable `code` and, when a field is at fault, its dotted path. Bodies are
 * sent pre-stringified so that no route's response schema touches them.
 */
import type { FastifyReply } from 'fastify';
import type { Rejection } from '../domain/index.js';
import { statusOf, titleOf, type ProblemCode } from './errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface FieldError {
  readonly field: string;
  /** RFC 6901 pointer into the body, where the body is a document (EPCIS capture). */
  readonly pointer?: string;
  readonly code: string;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ProblemCode;
  readonly field?: string;
  readonly errors?: readonly FieldError[];
  readonly instance?: string;
  readonly requestId?: string;
}

/** ProblemError carries a problem through fastify's error path to the root handler. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly statusCode: number;
  constructor(
    readonly code: ProblemCode,
    detail?: string,
    readonly extra: { field?: string; errors?: readonly FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? titleOf(code));
    this.statusCode = statusOf(code);
  }
}

export function fromRejection(rejection: Rejection): ProblemError {
  return new ProblemError(rejection.code, rejection.message, rejection.field === undefined ? {} : { field: rejection.field });
}

/** problemType is the problem's type URI, a page that describes the code (served at /problems/{code}). */
export const problemType = (code: ProblemCode): string => `/problems/${code}`;

export function problemOf(error: ProblemError, instance?: string, requestId?: string): Problem {
  return {
    type: problemType(error.code),
    title: titleOf(error.code),
    status: error.statusCode,
    detail: error.message,
    code: error.code,
    ...(error.extra.field === undefined ? {} : { field: error.extra.field }),
    ...(error.extra.errors === undefined ? {} : { errors: error.extra.errors }),
    ...(instance === undefined ? {} : { instance }),
    ...(requestId === undefined ? {} : { requestId }),
  };
}

/** sendProblem answers with the problem as application/problem+json text. */
export function sendProblem(reply: FastifyReply, error: ProblemError): FastifyReply {
  const { request } = reply;
  const problem = problemOf(error, request.url, String(request.id));
  for (const [name, value] of Object.entries(error.extra.headers ?? {})) reply.header(name, value);
  if (error.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="suyuan"');
  reply.header('x-request-id', String(request.id)).header('x-content-type-options', 'nosniff');
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
