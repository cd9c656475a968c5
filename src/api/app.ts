/**
 * build() assembles the HTTP API and pages as a fastify app, apart from
 * listen() (tests call inject). Order matters: the error handlers and
 * authentication come before any route, so that every failure, a validation
 * error included, leaves as problem+json, and a bad key is refused first.
 */
import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { traceWindowDays } from '../config.js';
import type { SuyuanLedger, WriterHealth } from '../ledger/index.js';
import type { ReadModel } from '../projections/index.js';
import type { EventStore, PersonalVault } from '../store/index.js';
import { Activations } from './auth/activations.js';
import { installAuthentication } from './auth/authenticate.js';
import { DEFAULT_FAILURE_LIMIT, type FailureLimit } from './auth/failureLimiter.js';
import { PrincipalDirectory } from './auth/directory.js';
import { BOOTSTRAP_ADMIN } from './auth/principal.js';
import type { ApiContext } from './context.js';
import { installDocs, installDocsUi } from './docs.js';
import { frameworkErrors, installErrorHandlers } from './errorHandler.js';
import { headReader } from './head.js';
import { LogFollower } from './log/follower.js';
import type { LogPort } from './log/port.js';
import { HeadWaiter } from './headWaiter.js';
import { loadCitizenIdSecret } from './identity.js';
import { createMetrics, installRequestMetrics } from './metrics.js';
import { pageRoutes, type PageOptions } from './pages/routes.js';
import { graphRoutes } from './pages/graph/routes.js';
import { showcaseRoutes } from './pages/showcase/routes.js';
import { ProblemError } from './problem.js';
import { activationRoutes } from './routes/activations.js';
import { appShellRoutes } from './routes/app.js';
import { epcisRoutes } from './routes/epcis.js';
import { epcisCaptureRoutes } from './routes/epcisCapture.js';
import type { CaptureJobs } from './capture/jobs.js';
import type { CosignatureBook } from './witness/book.js';
import { type FederationPort, federationRoutes, forwardToUpstream } from './routes/federation.js';
import { codeRoutes } from './routes/codes.js';
import { enforcementRoutes } from './routes/enforcement.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { operatorIdentityRoutes } from './routes/operatorIdentity.js';
import { regulatorReadRoutes } from './routes/regulatorReads.js';
import { reportRoutes } from './routes/reports.js';
import { supervisionRoutes } from './routes/supervision.js';
import { healthRoutes } from './routes/health.js';
import { logRoutes } from './routes/log.js';
import { lotActionRoutes } from './routes/lotActions.js';
import { marketCertificateRoutes } from './routes/marketCertificate.js';
import { personalDataRoutes } from './routes/personalData.js';
import { lotRoutes } from './routes/lots.js';
import { operatorRoutes } from './routes/operators.js';
import { principalRoutes } from './routes/principals.js';
import { proofRoutes } from './routes/proof.js';
import { streamRoutes } from './routes/stream.js';
import { DEFAULT_MAX_STALENESS_MS, stalenessCheck } from './staleness.js';
import type { ZodApp } from './zodApp.js';

export interface BuildOptions {
  /** The writer. Without it the node only reads (give `log`), and every write answers 503 ReadOnlyNode. */
  readonly ledger?: SuyuanLedger;
  /** The signed log; default the ledger. A read-only node passes a LogFollower. */
  readonly log?: LogPort;
  /** On a read-only node: the writer's URL, named in the 503 of a write. */
  readonly writerUrl?: string;
  readonly store: EventStore;
  /** The personal-data vault; default the store when it keeps one (every adapter's factory returns a VaultStore). */
  readonly vault?: PersonalVault;
  readonly read: ReadModel;
  /** SHA-256 (hex) of the bootstrap admin key (see auth/adminKey.ts). */
  readonly adminKeyDigest?: string;
  /** Key of the citizen-ID digests (HMAC-SHA-256); default a random one (tests). */
  readonly citizenIdSecret?: Buffer;
  /** A directory already following the log; default: one attached to the ledger here. */
  readonly principals?: PrincipalDirectory;
  /** pino logger options, or false (default). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (default 256 KiB). */
  readonly bodyLimit?: number;
  /** Requests per window per client IP on public routes (keys are not limited); false turns it off. */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number } | false;
  /** Milliseconds between SSE heartbeats (default 15 s). */
  readonly heartbeatMs?: number;
  /** Readiness beyond lag, e.g. start-up done (default: always). */
  readonly isReady?: () => boolean;
  /** Most events the read models may lag behind the log and still be ready (default 1,000). */
  readonly maxReadyLag?: number;
  /** Node process metrics in /metrics (default true). */
  readonly processMetrics?: boolean;
  /** Start-page examples and the base URL printed in labels. */
  readonly pages?: PageOptions;
  /** EPCIS export: the URI base of lots, parties and locations (SUYUAN_ID_BASE). */
  /** A federated node's upstreams (SUYUAN_UPSTREAMS): their codes are answered here, their health is this node's. */
  readonly federation?: FederationPort;
  /** The witnesses whose cosignatures this log accepts and serves (SUYUAN_WITNESSES). */
  readonly witnesses?: CosignatureBook;
  readonly epcis?: { readonly idBase?: string; readonly schemaPath?: string; readonly jobs?: CaptureJobs };
  /** Trust X-Forwarded-* from a reverse proxy (default false). */
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-* headers are believed, so that
   * rate limits and logs see the real client (default none). Never "everything": main.ts refuses that.
   */
  readonly trustProxy?: readonly string[];
  /** Failed authentications allowed per client address and window (default 20 a minute); false for none. */
  readonly authFailureLimit?: FailureLimit | false;
  /** The writer's health for /health/ready; default the ledger's `health()` when it has one, else always ok. */
  readonly writerHealth?: () => WriterHealth;
  /**
   * On a read-only node (`log` a LogFollower): how long it may go without verifying the writer's latest
   * state before authenticated requests answer 503 StaleReader (SUYUAN_MAX_STALENESS; default 30 s).
   */
  readonly maxStalenessMs?: number;
  /** Days of activity that keep an operator under trace management (trace hook); default SUYUAN_TRACE_WINDOW_DAYS, else 180. */
  readonly traceWindowDays?: number;
  /** Device activations waiting to be redeemed (in memory); default a fresh set on the system clock. */
  readonly activations?: Activations;
}

export async function build(options: BuildOptions): Promise<ZodApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: requestIds(),
    trustProxy: options.trustProxy && options.trustProxy.length > 0 ? [...options.trustProxy] : false,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors,
  }).withTypeProvider<ZodTypeProviderOf>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  const log = options.log ?? options.ledger;
  if (!log) throw new Error('build needs the ledger (a writer node) or a log to follow (a read-only node)');
  const principals = options.principals ?? new PrincipalDirectory();
  if (options.adminKeyDigest) principals.addBootstrap(options.adminKeyDigest, BOOTSTRAP_ADMIN);
  const detachers: (() => void)[] = [];
  if (!options.principals) detachers.push(await principals.attach(log, options.store));

  const follower = log instanceof LogFollower ? log : undefined;
  const federation = options.federation;
  const staleness = follower && stalenessCheck(follower, options.maxStalenessMs ?? DEFAULT_MAX_STALENESS_MS);
  const head = headReader(() => log.checkpoint);
  const metrics = createMetrics(
    {
      logSize: () => head().size,
      projections: () => options.read.status(),
      ...(follower ? { follower } : {}),
      ...(federation ? { upstreams: () => federation.statuses() } : {}),
    },
    { processMetrics: options.processMetrics ?? true },
  );
  detachers.push(log.onCommit((events) => metrics.batchEvents.observe(events.length)));
  const waiter = new HeadWaiter(() => head().size);
  detachers.push(waiter.attach(log));
  app.addHook('onClose', (_instance, done) => {
    for (const detach of detachers) detach();
    done();
  });

  const ctx: ApiContext = {
    ...(options.ledger ? { ledger: options.ledger } : {}),
    log,
    ...(options.writerUrl ? { writerUrl: options.writerUrl } : {}),
    store: options.store,
    ...(vaultOf(options) ? { vault: vaultOf(options)! } : {}),
    read: options.read,
    principals,
    citizenIdSecret: options.citizenIdSecret ?? loadCitizenIdSecret(),
    metrics,
    head,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    ...(staleness ? { staleness } : {}),
  };

  installAuthentication(app, principals, options.authFailureLimit ?? DEFAULT_FAILURE_LIMIT, staleness);
  installRequestMetrics(app, metrics);
  const limits = options.rateLimit ?? { max: 600, timeWindowMs: 60_000 };
  await app.register(rateLimit, {
    global: false,
    max: limits === false ? 0 : limits.max,
    timeWindow: limits === false ? 60_000 : limits.timeWindowMs,
    allowList: (request) => request.principal !== null,
    // The x-ratelimit-* headers only once a client is over the limit: on every answer they cost a third of a lookup.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_request, context) =>
      new ProblemError('RateLimited', `rate limit of ${context.max} requests reached; retry in ${context.after}`),
  });
  const rateLimited = { ctx, rateLimit: limits === false ? false : {} };
  // A federated node answers codes and operators of its upstreams, API and pages alike, from their
  // verified logs; those answers count against the public rate limit as the node's own routes do.
  if (federation) {
    const limited = limits === false ? undefined : app.rateLimit();
    app.addHook(
      'onRequest',
      forwardToUpstream(
        federation,
        {
          code: (code) => ctx.read.accessFacts(code) !== undefined,
          operator: (operatorId) => ctx.read.operator(operatorId) !== undefined,
        },
        limited && ((request, reply) => limited.call(app, request, reply)),
      ),
    );
  }

  const windowDays = options.traceWindowDays ?? traceWindowDays();
  await installDocs(app);

  // The JSON API: fixed security headers, set in one step (helmet per request would double a lookup's cost).
  // Each route set is a plugin of its own inside this one: it inherits the headers and the preflight, and
  // what it adds (hooks, decorators) stays in it.
  await app.register(async (api: ZodApp) => {
    api.addHook('onRequest', (request, reply, done) => {
      reply.headers(API_HEADERS).header('x-request-id', request.id);
      done();
    });
    // CORS: keys travel as Bearer tokens, never cookies, so any origin may call (scanning web apps, other platforms).
    api.options('/v1/*', { schema: { hide: true } }, async (_request, reply) => reply.code(204).headers(PREFLIGHT).send());
    if (federation) await api.register(federationRoutes, { ctx, federation });
    await api.register(healthRoutes, {
      ctx,
      ...(options.federation ? { federation: options.federation } : {}),
      isReady: options.isReady ?? (() => true),
      maxLag: options.maxReadyLag ?? 1000,
      writerHealth: options.writerHealth ?? (() => options.ledger?.health() ?? { ok: true }),
      ...(follower ? { follower } : {}),
    });
    await api.register(principalRoutes, { ctx });
    await api.register(activationRoutes, {
      ...rateLimited,
      activations: options.activations ?? new Activations(),
      publicUrl: options.pages?.publicUrl,
    });
    await api.register(operatorRoutes, rateLimited);
    await api.register(lotRoutes, { ctx });
    await api.register(lotActionRoutes, { ctx });
    await api.register(marketCertificateRoutes, { ctx, publicUrl: options.pages?.publicUrl });
    await api.register(personalDataRoutes, { ctx });
    await api.register(codeRoutes, rateLimited);
    await api.register(proofRoutes, { ...rateLimited, ...(options.witnesses ? { witnesses: options.witnesses } : {}) });
    await api.register(epcisRoutes, { ...rateLimited, ...(options.epcis?.idBase === undefined ? {} : { idBase: options.epcis.idBase }) });
    await api.register(epcisCaptureRoutes, { ctx, ...options.epcis });
    await api.register(logRoutes, { ...rateLimited, ...(options.witnesses ? { witnesses: options.witnesses } : {}) });
    await api.register(streamRoutes, { ctx, waiter });
    await api.register(supervisionRoutes, { ctx });
    await api.register(monitoringRoutes, { ctx });
    await api.register(enforcementRoutes, { ctx });
    await api.register(regulatorReadRoutes, { ctx });
    await api.register(reportRoutes, { ctx });
    await api.register(operatorIdentityRoutes, { ...rateLimited, publicUrl: options.pages?.publicUrl, traceWindowDays: windowDays });
  });

  // Pages and Swagger UI: helmet's full policy (CSP for HTML), without upgrade-insecure-requests so that
  // a plain-HTTP deployment on a farm's LAN keeps working.
  await app.register(async (html: ZodApp) => {
    await html.register(helmet, { contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } });
    html.addHook('onRequest', (request, reply, done) => {
      reply.header('x-request-id', request.id);
      done();
    });
    await installDocsUi(html);
    await html.register(pageRoutes, { ...rateLimited, pages: { ...options.pages, traceWindowDays: windowDays } });
    await html.register(graphRoutes, rateLimited);
    await html.register(showcaseRoutes, { ...rateLimited, traceWindowDays: windowDays });
    await html.register(appShellRoutes);
  });
  return app;
}

/** Request ids unique across processes and restarts: a random process prefix and a counter (cheaper than a UUID each). */
function requestIds(): () => string {
  const prefix = randomBytes(6).toString('base64url');
  let count = 0;
  return () => `${prefix}-${(++count).toString(36)}`;
}

/** Security headers of JSON answers: nothing in them may run, frame or be sniffed. */
const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-request-id, location, idempotent-replayed, retry-after',
};

const PREFLIGHT = {
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, idempotency-key, last-event-id',
  'access-control-max-age': '86400',
};

type ZodTypeProviderOf = import('fastify-type-provider-zod').ZodTypeProvider;

/** vaultOf: the vault given, or the store itself when it keeps one. */
function vaultOf(options: BuildOptions): PersonalVault | undefined {
  if (options.vault) return options.vault;
  const store = options.store as Partial<PersonalVault>;
  return typeof store.readPersonal === 'function' && typeof store.erasePersonal === 'function'
    ? (options.store as unknown as PersonalVault)
    : undefined;
}
