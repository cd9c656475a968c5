/**
 * EPCIS 2.0 capture (issue 15): `POST /epcis/capture` takes an EPCISDocument (or
 * EPCISQueryDocument) as JSON or JSON-LD, checks it against the official schema and answers 202
 * with the job's Location; the job appends one `epcis.captured` event per EPCIS event, tagged with
 * the lots it references, or nothing under `GS1-Capture-Error-Behaviour: rollback` (the default)
 * when one fails. `GET /epcis/capture/{captureID}` and `GET /epcis/capture` report jobs to the key
 * that posted them. Operator and subscriber keys capture; what each may attach is the domain's
 * rule (src/domain/epcis/decide.ts).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Actor, CapturedEvent, Command } from '../../domain/index.js';
import {
  CBV_VERSION,
  DEFAULT_EPCIS_SCHEMA,
  EPCIS_VERSION,
  type EpcisValidator,
  type SchemaFailure,
  epcisValidator,
  escapePointer,
  idBase,
  prepareCapture,
  shapeFailure,
} from '../../epcis/index.js';
import type { Idempotency } from '../../ledger/index.js';
import type { SealedEvent } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import { requireRoles } from '../auth/authenticate.js';
import { CaptureJobs, jobView, type CaptureBehaviour, type CaptureJob } from '../capture/jobs.js';
import type { ApiContext, RoutePlugin } from '../context.js';
import { ProblemError } from '../problem.js';
import { problems } from '../schemas/common.js';
import { idempotencyOf, refuseLoneSurrogates } from '../write.js';
import type { ZodApp } from '../zodApp.js';

const tags = ['epcis'];
/** A document of 500 events of a few KB each; the JSON API's other routes keep 256 KiB. */
const CAPTURE_BODY_LIMIT = 8 * 1024 * 1024;
/** Capture jobs one key may have running at once. */
const MAX_RUNNING_PER_KEY = 16;

export interface CaptureOptions {
  readonly idBase?: string;
  /** The EPCIS 2.0 JSON schema file (SUYUAN_EPCIS_SCHEMA); default: the conformance copy. */
  readonly schemaPath?: string;
  readonly jobs?: CaptureJobs;
}

const CaptureIdParams = z.object({ captureID: z.string().regex(/^[0-9a-f]{32}$/, 'a capture id: 32 lowercase hex digits') });

export const epcisCaptureRoutes: RoutePlugin<CaptureOptions> = async (app: ZodApp, { ctx, idBase: base, schemaPath, jobs: given }) => {
  const jobs = given ?? new CaptureJobs();
  const idsBase = idBase(base);
  let validator: EpcisValidator | undefined;
  const validatorOf = (): EpcisValidator => {
    try {
      validator ??= epcisValidator(schemaPath);
      return validator;
    } catch (error) {
      app.log.error({ err: error, schemaPath }, 'EPCIS capture: the EPCIS 2.0 JSON schema cannot be loaded');
      throw new ProblemError('CaptureUnavailable', 'this node has no EPCIS 2.0 JSON schema to validate with (set SUYUAN_EPCIS_SCHEMA)');
    }
  };
  const versions = { 'gs1-epcis-version': EPCIS_VERSION, 'gs1-cbv-version': CBV_VERSION };
  // Compiling the schema takes a while, so it waits for the first capture; a missing file is said at start.
  if (!existsSync(schemaPath ?? DEFAULT_EPCIS_SCHEMA)) {
    app.log.warn(
      { schemaPath: schemaPath ?? DEFAULT_EPCIS_SCHEMA },
      'EPCIS capture is unavailable: no EPCIS 2.0 JSON schema (set SUYUAN_EPCIS_SCHEMA)',
    );
  }
  // EPCIS documents are JSON-LD; read them as JSON, refusing __proto__ keys as the JSON parser does.
  app.addContentTypeParser(
    'application/ld+json',
    { parseAs: 'string', bodyLimit: CAPTURE_BODY_LIMIT },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.post(
    '/epcis/capture',
    {
      bodyLimit: CAPTURE_BODY_LIMIT,
      onRequest: requireRoles('operator', 'subscriber'),
      schema: {
        tags,
        summary: 'Capture EPCIS 2.0 events about Suyuan lots (202 and a capture job)',
        description:
          'An EPCISDocument or EPCISQueryDocument (application/ld+json or application/json), valid under the EPCIS 2.0 JSON schema; ' +
          'every event must reference a Suyuan lot ({SUYUAN_ID_BASE}/lot/{code}, or a GS1 Digital Link with /10/{code}). ' +
          '`GS1-Capture-Error-Behaviour`: rollback (default; nothing is kept if one event fails) or proceed. Schema failures are ' +
          'answered at once (400, each with its JSON pointer); the domain decides in the job (GET its Location).',
        headers: z.looseObject({ 'gs1-capture-error-behaviour': z.enum(['rollback', 'proceed']).optional() }),
        body: z.unknown(),
        response: { 202: z.unknown(), ...problems(400, 401, 403, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      const media = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase();
      if (media !== 'application/ld+json' && media !== 'application/json') {
        throw new ProblemError('UnsupportedMediaType', 'send the EPCIS document as application/ld+json or application/json');
      }
      const behaviour: CaptureBehaviour = request.headers['gs1-capture-error-behaviour'] ?? 'rollback';
      // The shape first: every check after it walks the document recursively.
      const shape = shapeFailure(request.body);
      if (shape) throw epcisProblem('EpcisInvalid', [shape]);
      refuseLoneSurrogates(request.body);
      const prepared = prepareCapture(request.body, idsBase, validatorOf());
      if (!prepared.ok) throw epcisProblem(prepared.stage === 'schema' ? 'EpcisInvalid' : 'EpcisNotCapturable', prepared.failures);
      if (!ctx.ledger) {
        const elsewhere = ctx.writerUrl ? `; send captures to ${ctx.writerUrl}` : '';
        throw new ProblemError('ReadOnlyNode', `this API node follows the log and only reads${elsewhere}`);
      }
      const principal = request.principal!;
      // Jobs are kept in memory until they finish: a key may have only a few running at once.
      if (jobs.running(principal.id) >= MAX_RUNNING_PER_KEY) {
        throw new ProblemError('RateLimited', `${MAX_RUNNING_PER_KEY} captures of this key are still running; poll them, then send more`, {
          headers: { 'retry-after': '1' },
        });
      }
      const actor = captureActor(principal);
      const idempotency = idempotencyOf(request);
      const job = jobs.start(principal.id, behaviour);
      const listPointer = eventListPointer(request.body);
      // The job runs after the answer: the client polls its Location (EPCIS 2.0 REST capture).
      setImmediate(() => {
        void runJob(ctx, jobs, job, prepared.events, actor, idempotency, listPointer).catch((error: unknown) => {
          request.log.error({ err: error, captureID: job.captureID }, 'EPCIS capture job failed');
        });
      });
      reply.code(202).headers(versions).header('location', `/epcis/capture/${job.captureID}`);
      return reply.type('application/json').send(JSON.stringify(jobView(job)));
    },
  );

  app.get(
    '/epcis/capture/:captureID',
    {
      onRequest: requireRoles('operator', 'subscriber', 'admin'),
      schema: {
        tags,
        summary: 'A capture job: running, success, and each failure with its JSON pointer',
        params: CaptureIdParams,
        response: { 200: z.unknown(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const job = jobs.get(request.params.captureID);
      if (!job || !mayRead(request.principal!, job)) {
        throw new ProblemError('UnknownCaptureJob', `no capture job ${request.params.captureID} of this key`, { field: 'captureID' });
      }
      reply.headers(versions).header('cache-control', 'no-store');
      return reply.type('application/json').send(JSON.stringify(jobView(job)));
    },
  );

  app.get(
    '/epcis/capture',
    {
      onRequest: requireRoles('operator', 'subscriber', 'admin'),
      schema: {
        tags,
        summary: "The key's capture jobs, newest first (an admin's: every job)",
        querystring: z.object({ perPage: z.coerce.number().int().min(1).max(1000).default(100) }),
        response: { 200: z.unknown(), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const list = jobs.list(principal.role === 'admin' ? undefined : principal.id, request.query.perPage);
      reply.headers(versions).header('cache-control', 'no-store');
      return reply.type('application/json').send(JSON.stringify(list.map(jobView)));
    },
  );
};

/** epcisProblem: a refused document, every failure with its JSON pointer (the first also as `field`). */
function epcisProblem(code: 'EpcisInvalid' | 'EpcisNotCapturable', failures: readonly SchemaFailure[]): ProblemError {
  const [first] = failures;
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
  return new ProblemError(code, `${first?.pointer}: ${first?.message}${more}`, {
    field: first?.pointer ?? '/',
    errors: failures.map((failure) => ({ field: failure.pointer, pointer: failure.pointer, code, message: failure.message })),
  });
}

const mayRead = (principal: Principal, job: CaptureJob): boolean => principal.role === 'admin' || principal.id === job.principal;

/** captureActor: who the events are appended as: the operator (through this key) or the subscribing platform. */
function captureActor(principal: Principal): Actor {
  if (principal.role === 'subscriber') return { kind: 'subscriber', id: principal.id, region: principal.region };
  if (principal.operatorId === undefined) throw new ProblemError('RoleForbidden', 'this operator key names no operator');
  return { kind: 'operator', operatorId: principal.operatorId, principal: principal.id };
}

function eventListPointer(document: unknown): string {
  const type = (document as { type?: unknown } | null)?.type;
  return type === 'EPCISQueryDocument' ? '/epcisBody/queryResults/resultsBody/eventList' : '/epcisBody/eventList';
}

/** runJob: the ledger's decision on the job's events, all in one command (rollback) or one command each (proceed). */
async function runJob(
  ctx: ApiContext,
  jobs: CaptureJobs,
  job: CaptureJob,
  events: readonly CapturedEvent[],
  actor: Actor,
  idempotency: Idempotency | undefined,
  listPointer: string,
): Promise<void> {
  try {
    if (job.captureErrorBehaviour === 'rollback') {
      await submitPart(ctx, job, events, 0, actor, idempotency, listPointer);
    } else {
      for (const [index, event] of events.entries()) {
        // Joined by a control character, which no Idempotency-Key header may hold: no client key is one of these.
        const key = idempotency && { ...idempotency, key: `${idempotency.key}\u0001${index}` };
        await submitPart(ctx, job, [event], index, actor, key, listPointer);
      }
    }
    if (job.errors.length > 0 && job.captureErrorBehaviour === 'rollback') job.captured.length = 0;
  } catch (error) {
    job.errors.push({ pointer: listPointer, code: 'Internal', message: 'the capture failed on the server; nothing of this part was kept' });
    throw error;
  } finally {
    jobs.finish(job);
  }
}

async function submitPart(
  ctx: ApiContext,
  job: CaptureJob,
  events: readonly CapturedEvent[],
  offset: number,
  actor: Actor,
  idempotency: Idempotency | undefined,
  listPointer: string,
): Promise<void> {
  const command: Command = { type: 'epcis.capture', captureId: job.captureID, events: [...events] };
  const outcome = await ctx.ledger!.submit(command, actor, idempotency);
  ctx.metrics.writes.inc({ command: command.type, outcome: outcome.ok ? 'accepted' : outcome.kind });
  if (outcome.ok) {
    for (const sealed of outcome.events) job.captured.push(entryOf(sealed));
    const earlier = (outcome.events[0]?.data as { captureId?: string } | undefined)?.captureId;
    if (outcome.replayed && earlier !== undefined) job.replayOf = earlier;
    return;
  }
  switch (outcome.kind) {
    case 'rejected':
      job.errors.push({
        pointer: pointerOf(outcome.rejection.field, listPointer, offset),
        code: outcome.rejection.code,
        message: outcome.rejection.message,
      });
      return;
    case 'idempotency-conflict':
      job.errors.push({ pointer: listPointer, code: 'IdempotencyKeyReused', message: outcome.message });
      return;
    case 'unavailable':
      job.errors.push({ pointer: listPointer, code: 'Unavailable', message: outcome.message });
  }
}

function entryOf(sealed: SealedEvent): { eventID: string; eventHash: string; position: number } {
  const data = sealed.data as { hash: string; eventId?: string };
  return { eventID: data.eventId ?? data.hash, eventHash: data.hash, position: sealed.position };
}

/**
 * pointerOf: the JSON pointer of a domain refusal's field (`events.{i}.…`) in the posted
 * document: the event itself, or the string inside it that was refused.
 */
export function pointerOf(field: string | undefined, listPointer: string, offset: number): string {
  const match = field === undefined ? null : /^events\.(\d+)(?:\.(.*))?$/.exec(field);
  if (!match) return listPointer;
  const event = `${listPointer}/${Number(match[1]) + offset}`;
  const rest = match[2] ?? '';
  if (!rest.startsWith('event.')) return event;
  return (
    event +
    rest
      .slice('event.'.length)
      .split('.')
      .map((segment) => `/${escapePointer(segment)}`)
      .join('')
  );
}
