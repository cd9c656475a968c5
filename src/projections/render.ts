/**
 * Rendering: from the projections' columns to the view objects of views.ts.
 * Kept apart from the projections so that what is stored and what is shown
 * can change independently.
 */
import { LOT_STATUSES, UNITS, regionName, type Unit } from '../domain/index.js';
import type { LotProjection } from './lots/lotProjection.js';
import type { Walk } from './lots/lineage.js';
import type { OperatorProjection } from './operators/operatorProjection.js';
import {
  KIND_NAMES,
  type Audience,
  type HoldingLot,
  type LineageEdge,
  type LineageNode,
  type LineageView,
  type LotLink,
  type LotView,
  type OperatorRef,
  type StepLot,
} from './views.js';

export class Renderer {
  constructor(
    private readonly lots: LotProjection,
    private readonly operators: OperatorProjection,
    /** Most parents and children listed in a LotView. */
    private readonly linkLimit = 1000,
  ) {}

  operatorRef(id: string): OperatorRef {
    const name = this.operators.get(id)?.name;
    return name === undefined ? { id } : { id, name };
  }

  unitOf(lot: number): Unit {
    return UNITS[this.lots.table.unit[lot]!] as Unit;
  }

  lot(id: number, code: string, audience: Audience): LotView {
    const { table, graph, index } = this.lots;
    const kind = this.lots.kindOf(id);
    const state = table.materialize(id, code, kind);
    const full = audience === 'full';
    const frozen =
      state.frozen && (full ? state.frozen : { reason: state.frozen.reason, at: state.frozen.at, resumeStatus: state.frozen.resumeStatus });
    const parentEdges = graph.edgesIn(id);
    const parents = parentEdges.slice(0, this.linkLimit).map((edge): LotLink => {
      const parent = graph.edgeParent[edge]!;
      return { code: index.codeOf(parent), quantity: graph.quantity(edge), unit: this.unitOf(parent), via: graph.via(edge) };
    });
    const view: LotView = {
      code,
      kind,
      kindName: KIND_NAMES[kind],
      region: state.region,
      regionName: regionName(state.region) ?? null,
      status: state.status,
      ...(frozen ? { frozen } : {}),
      madeBy: state.madeBy,
      product: state.product,
      unit: state.unit,
      quantity: state.quantity,
      available: state.available,
      held: state.held,
      shipped: state.shipped,
      sold: state.sold,
      processed: state.processed,
      issuer: this.operatorRef(state.issuer),
      ...(full && state.holder !== undefined ? { holder: this.operatorRef(state.holder) } : {}),
      ...(full && state.recipient !== undefined ? { recipient: this.operatorRef(state.recipient) } : {}),
      ...(full && state.buyer !== undefined ? { buyer: state.buyer } : {}),
      origin: { ...state.origin, regionName: regionName(state.origin.region) ?? null },
      producedAt: state.producedAt,
      createdAt: state.createdAt,
      ...(state.certificate ? { certificate: state.certificate } : {}),
      claims: state.claims,
      records: table.recordsOf(id),
      parents,
      parentCount: parentEdges.length,
    };
    if (!full) return view;
    const childEdges = graph.edgesOut(id);
    const unit = state.unit;
    const children = childEdges.slice(0, this.linkLimit).map(
      (edge): LotLink => ({
        code: index.codeOf(graph.edgeChild[edge]!),
        quantity: graph.quantity(edge),
        unit,
        via: graph.via(edge),
      }),
    );
    return { ...view, children, childCount: childEdges.length };
  }

  /** The lot at the far end of `edge` (its parent when `backward`), as a StepLot. */
  step(edge: number, backward: boolean): StepLot {
    const { table, graph, index } = this.lots;
    const lot = backward ? graph.edgeParent[edge]! : graph.edgeChild[edge]!;
    const parent = graph.edgeParent[edge]!;
    return {
      code: index.codeOf(lot),
      kind: this.lots.kindOf(lot),
      status: LOT_STATUSES[table.status[lot]!]!,
      product: table.products.value(table.product[lot]!),
      issuer: this.operatorRef(table.operators.value(table.issuer[lot]!)),
      quantity: graph.quantity(edge),
      unit: this.unitOf(parent),
      via: graph.via(edge),
    };
  }

  lineage(root: string, direction: 'backward' | 'forward', walk: Walk): LineageView {
    const { table, graph, index } = this.lots;
    const count = walk.nodes.length;
    const ids = walk.nodes.data;
    const codes = new Array<string>(count);
    const nodes = new Array<LineageNode>(count);
    for (let i = 0; i < count; i++) {
      const lot = ids[i]!;
      const code = i === 0 ? root : index.codeOf(lot);
      codes[i] = code;
      nodes[i] = {
        code,
        depth: walk.depths.data[i]!,
        kind: this.lots.kindOf(lot),
        status: LOT_STATUSES[table.status[lot]!]!,
        product: table.products.value(table.product[lot]!).name,
        issuer: table.operators.value(table.issuer[lot]!),
      };
    }
    const edgeCount = walk.edges.length;
    const edges = new Array<LineageEdge>(edgeCount);
    for (let i = 0; i < edgeCount; i++) {
      const edge = walk.edges.data[i]!;
      const parent = graph.edgeParent[edge]!;
      edges[i] = {
        parent: codes[walk.edgeParents.data[i]!]!,
        child: codes[walk.edgeChildren.data[i]!]!,
        quantity: graph.quantity(edge),
        unit: UNITS[table.unit[parent]!] as Unit,
        via: graph.via(edge),
      };
    }
    return { root, direction, nodes, edges, truncated: walk.truncated };
  }

  holding(lot: number): HoldingLot {
    const { table, index } = this.lots;
    return {
      code: index.codeOf(lot),
      kind: this.lots.kindOf(lot),
      status: LOT_STATUSES[table.status[lot]!]!,
      product: table.products.value(table.product[lot]!),
      quantity: table.quantityOf(lot),
      available: table.availableOf(lot),
      unit: this.unitOf(lot),
      issuer: this.operatorRef(table.operators.value(table.issuer[lot]!)),
    };
  }
}
