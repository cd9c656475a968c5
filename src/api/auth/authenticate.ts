/**
 * Authentication: `Authorization: Bearer <key>` → request.principal (null
 * for the public). Runs as the first onRequest hook, so a bad key is a 401
 * before the body is even read; routes then gate roles with requireRoles.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { PrincipalRole } from '../../domain/index.js';
import { ProblemError } from '../problem.js';
import type { PrincipalDirectory } from './directory.js';
import { DEFAULT_FAILURE_LIMIT, type FailureLimit, FailureLimiter } from './failureLimiter.js';
import { TOKEN_PATTERN, keyDigest } from './keys.js';
import type { Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/**
 * installAuthentication adds the hook; `failureLimit` (default 20 failed
 * authentications a minute per client address, false for none) throttles
 * key guessing. `staleness` (a read-only node's) refuses every request that
 * carries a key while it returns a problem: a stale directory may still
 * hold a revoked key as active.
 */
export function installAuthentication(
  app: FastifyInstance,
  directory: PrincipalDirectory,
  failureLimit: FailureLimit | false = DEFAULT_FAILURE_LIMIT,
  staleness?: () => ProblemError | undefined,
): void {
  const limiter = failureLimit === false ? undefined : new FailureLimiter(failureLimit);
  const refuse = (request: FastifyRequest, error: ProblemError): ProblemError => {
    limiter?.fail(request.ip);
    return error;
  };
  app.decorateRequest('principal', null);
  app.addHook('onRequest', (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const header = request.headers.authorization;
    if (header === undefined) return done();
    const stale = staleness?.();
    if (stale) return done(stale);
    const wait = limiter?.retryAfterMs(request.ip) ?? 0;
    if (wait > 0) {
      const seconds = String(Math.ceil(wait / 1000));
      return done(
        new ProblemError('RateLimited', `too many failed authentications from this client; retry in ${seconds} s`, {
          field: 'authorization',
          headers: { 'retry-after': seconds },
        }),
      );
    }
    const digest = bearerDigest(header);
    if (digest === undefined) {
      return done(
        refuse(request, new ProblemError('Unauthorized', 'the Authorization header must be "Bearer <key>"', { field: 'authorization' })),
      );
    }
    const found = directory.lookup(digest);
    if (found.kind === 'unknown')
      return done(refuse(request, new ProblemError('InvalidKey', 'the API key is not known', { field: 'authorization' })));
    if (found.kind === 'revoked') {
      return done(refuse(request, new ProblemError('KeyRevoked', 'the API key has been revoked', { field: 'authorization' })));
    }
    if (found.kind === 'active') {
      request.principal = found.principal;
      // Every log line of the request names who made it.
      request.log = request.log.child({ principal: found.principal.id });
    }
    done();
  });
}

/** bearerDigest is the key digest of an `Authorization: Bearer <key>` header, or undefined when it is not one. */
export function bearerDigest(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match && TOKEN_PATTERN.test(match[1]!) ? keyDigest(match[1]!) : undefined;
}

/** requireRoles: an onRequest hook that lets only principals of `roles` through (401 without a key, 403 otherwise). */
export function requireRoles(...roles: PrincipalRole[]) {
  const allowed = new Set(roles);
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const { principal } = request;
    if (!principal) {
      done(new ProblemError('Unauthorized', 'this route needs an API key', { field: 'authorization' }));
      return;
    }
    if (!allowed.has(principal.role)) {
      done(new ProblemError('RoleForbidden', `a ${principal.role} may not use this route (needs ${roles.join(', ')})`));
      return;
    }
    done();
  };
}

/** optionalRoles: like requireRoles, but the public (no key) passes too. */
export function publicOr(...roles: PrincipalRole[]) {
  const gate = requireRoles(...roles);
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void =>
    request.principal ? gate(request, reply, done) : done();
}
