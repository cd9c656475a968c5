/** Lots: commission a production lot, ship part or all of one (扫码传递), and process or merge lots. */
import { formatTraceCode, operatorTag, traceCodeRegion, type OperatorState } from '../../domain/index.js';
import { requireRoles } from '../auth/authenticate.js';
import type { RoutePlugin } from '../context.js';
import { freshTraceCode } from '../identity.js';
import { operatorRecorder, sealPersonal } from '../personal/seal.js';
import { CodeParamsSchema, problems } from '../schemas/common.js';
import { CommissionBody, LotCreated, ProcessingBody, ProcessingWritten, ShipmentBody, ShipmentCreated } from '../schemas/writes.js';
import { submit } from '../write.js';
import { BEARER, WriteHeaders, type ZodApp } from '../zodApp.js';

const tags = ['lots'];
const writeProblems = problems(400, 401, 403, 404, 409, 422, 503);

export const lotRoutes: RoutePlugin = async (app: ZodApp, { ctx }) => {
  /** The acting operator's region, for fresh codes; if it is unknown the domain refuses the command anyway. */
  const regionOf = (operatorId: string | undefined, fallback: string): string => {
    const state = operatorId === undefined ? undefined : ctx.ledger?.entity(operatorTag(operatorId));
    return state?.entity === 'operator' ? (state as OperatorState).region : fallback;
  };

  app.post(
    '/v1/lots',
    {
      onRequest: requireRoles('operator'),
      schema: {
        tags,
        summary: 'Commission a production lot (生产批次) with a fresh kind-1 trace code',
        security: BEARER,
        headers: WriteHeaders,
        body: CommissionBody,
        response: { 201: LotCreated, 200: LotCreated, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { claims, certificate, ...lot } = request.body;
      const region = regionOf(request.principal?.operatorId, lot.origin.region);
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({
          type: 'lot.commission',
          code: freshTraceCode(1, region),
          ...lot,
          ...(certificate === undefined ? {} : { certificate }),
          ...(claims === undefined ? {} : { claims }),
        }),
        { freshCodes: true },
      );
      const { code } = written.events[0]!.data as { code: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/codes/${code}`);
      return { code, formatted: formatTraceCode(code), ledger: written.receipt };
    },
  );

  app.post(
    '/v1/lots/:code/shipments',
    {
      onRequest: requireRoles('operator'),
      schema: {
        tags,
        summary:
          'Hand part or all of a lot to a buyer: a registered operator (kind 2, in transit) or an unregistered buyer (kind 3 market-entry certificate)',
        security: BEARER,
        headers: WriteHeaders,
        params: CodeParamsSchema,
        body: ShipmentBody,
        response: { 201: ShipmentCreated, 200: ShipmentCreated, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { code } = request.params;
      const { to, quantity } = request.body;
      const kind: 2 | 3 = 'operatorId' in to ? 2 : 3;
      const region = regionOf(request.principal?.operatorId, traceCodeRegion(code));
      // A buyer's name, phone and address go to the vault under the new code's region (the seller's); the command carries the ref and commitment.
      const buyer =
        'buyer' in to ? sealPersonal(to.buyer, { recordedBy: operatorRecorder(request.principal?.operatorId ?? ''), region }) : undefined;
      const recipient = buyer ? { buyer: buyer.pointer } : { operatorId: (to as { operatorId: string }).operatorId };
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({ type: 'lot.ship', code, childCode: freshTraceCode(kind, region), quantity, to: recipient }),
        { freshCodes: true, ...(buyer ? { vault: [buyer.row] } : {}) },
      );
      const { childCode } = written.events[0]!.data as { childCode: string };
      reply.code(written.replayed ? 200 : 201).header('location', `/v1/codes/${childCode}`);
      const status = kind === 2 ? ('in-transit' as const) : ('received' as const);
      return { code: childCode, formatted: formatTraceCode(childCode), kind, status, ledger: written.receipt };
    },
  );

  app.post(
    '/v1/processing',
    {
      onRequest: requireRoles('operator'),
      schema: {
        tags,
        summary: 'Merge lots (one output, same unit, exact sum) or process them into new lots (合并 / 加工)',
        security: BEARER,
        headers: WriteHeaders,
        body: ProcessingBody,
        response: { 201: ProcessingWritten, 200: ProcessingWritten, ...writeProblems },
      },
    },
    async (request, reply) => {
      const { mode, inputs, outputs } = request.body;
      const region = regionOf(request.principal?.operatorId, traceCodeRegion(inputs[0]!.code));
      const written = await submit(
        ctx,
        request,
        reply,
        () => ({
          type: 'lot.process',
          mode,
          inputs,
          outputs: outputs.map(({ certificate, ...output }) => ({
            code: freshTraceCode(2, region),
            ...output,
            ...(certificate === undefined ? {} : { certificate }),
          })),
        }),
        { freshCodes: true },
      );
      const made = (written.events[0]!.data as { outputs: { code: string }[] }).outputs;
      reply.code(written.replayed ? 200 : 201);
      return { outputs: made.map(({ code }) => ({ code, formatted: formatTraceCode(code) })), ledger: written.receipt };
    },
  );
};
