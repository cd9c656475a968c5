/**
 * TraceGraph: which lots were made from which, with quantities, as linked
 * adjacency lists over typed arrays (no object per edge). An edge runs from a
 * parent lot to a child lot: a shipment (the child received `quantity`), or
 * a merge or processing step (the parent gave `quantity` to the step; every
 * output of one step carries the same input portion, see ChildLink in the
 * domain). Quantities are in the parent's unit.
 *
 * Per lot: the newest outgoing and incoming edge (8 bytes). Per edge: parent,
 * child, quantity (thousandths in a Uint32, see store/amounts.ts; the few that
 * do not fit kept exactly beside the arrays), kind and the next edge of the
 * same parent and of the same child (21 bytes).
 */
import { LINK_VIAS, type LinkVia } from '../../domain/index.js';
import { readAmount, writeAmount } from '../store/amounts.js';
import { grown, nextCapacity, restoredCapacity, withCapacity } from '../store/typed.js';

/** An edge's kind is stored as its index in the domain's list of ways a lot is made from another. */
export const EDGE_VIA = LINK_VIAS;
export type EdgeVia = LinkVia;

const NONE = -1;

export class TraceGraph {
  /** Newest edge out of each lot (to a child), or -1. */
  firstOut: Int32Array = new Int32Array(1024);
  /** Newest edge into each lot (from a parent), or -1. */
  firstIn: Int32Array = new Int32Array(1024);
  edgeParent: Int32Array = new Int32Array(1024);
  edgeChild: Int32Array = new Int32Array(1024);
  /** Each edge's quantity in thousandths (WIDE: in wideQuantities); read it with quantity(). */
  private edgeQuantity: Uint32Array = new Uint32Array(1024);
  /** Quantities a Uint32 of thousandths cannot hold, by edge. */
  readonly wideQuantities = new Map<number, number>();
  edgeVia: Uint8Array = new Uint8Array(1024);
  /** The next (older) edge out of the same parent. */
  nextOut: Int32Array = new Int32Array(1024);
  /** The next (older) edge into the same child. */
  nextIn: Int32Array = new Int32Array(1024);
  private lots = 0;
  private edges = 0;

  get lotCount(): number {
    return this.lots;
  }

  get edgeCount(): number {
    return this.edges;
  }

  /** ensureLots makes room for lot ids below `count`; new lots have no edges. */
  ensureLots(count: number): void {
    if (count <= this.lots) return;
    if (count > this.firstOut.length) {
      const capacity = nextCapacity(this.firstOut.length, count);
      this.firstOut = withCapacity(this.firstOut, this.lots, capacity);
      this.firstIn = withCapacity(this.firstIn, this.lots, capacity);
    }
    this.firstOut.fill(NONE, this.lots, count);
    this.firstIn.fill(NONE, this.lots, count);
    this.lots = count;
  }

  /** addEdge records that `child` was made from `parent`. Requires both ids below lotCount. */
  addEdge(parent: number, child: number, quantity: number, via: EdgeVia): void {
    const edge = this.edges;
    if (edge === this.edgeParent.length) {
      const capacity = nextCapacity(edge, edge + 1);
      this.edgeParent = grown(this.edgeParent, capacity);
      this.edgeChild = grown(this.edgeChild, capacity);
      this.edgeQuantity = grown(this.edgeQuantity, capacity);
      this.edgeVia = grown(this.edgeVia, capacity);
      this.nextOut = grown(this.nextOut, capacity);
      this.nextIn = grown(this.nextIn, capacity);
    }
    this.edgeParent[edge] = parent;
    this.edgeChild[edge] = child;
    writeAmount(this.edgeQuantity, edge, quantity, this.wideQuantities, edge);
    this.edgeVia[edge] = EDGE_VIA.indexOf(via);
    this.nextOut[edge] = this.firstOut[parent]!;
    this.firstOut[parent] = edge;
    this.nextIn[edge] = this.firstIn[child]!;
    this.firstIn[child] = edge;
    this.edges = edge + 1;
  }

  /** Edges out of `lot` to its children, oldest first. */
  edgesOut(lot: number): number[] {
    const edges: number[] = [];
    for (let edge = this.firstOut[lot]!; edge !== NONE; edge = this.nextOut[edge]!) edges.push(edge);
    return edges.reverse();
  }

  /** Edges into `lot` from its parents, oldest first. */
  edgesIn(lot: number): number[] {
    const edges: number[] = [];
    for (let edge = this.firstIn[lot]!; edge !== NONE; edge = this.nextIn[edge]!) edges.push(edge);
    return edges.reverse();
  }

  outDegree(lot: number): number {
    let count = 0;
    for (let edge = this.firstOut[lot]!; edge !== NONE; edge = this.nextOut[edge]!) count++;
    return count;
  }

  inDegree(lot: number): number {
    let count = 0;
    for (let edge = this.firstIn[lot]!; edge !== NONE; edge = this.nextIn[edge]!) count++;
    return count;
  }

  /** The quantity of `edge`, in the parent's unit. */
  quantity(edge: number): number {
    return readAmount(this.edgeQuantity, edge, this.wideQuantities, edge);
  }

  via(edge: number): EdgeVia {
    return EDGE_VIA[this.edgeVia[edge]!]!;
  }

  /** Bytes allocated by the graph's arrays. */
  get bytes(): number {
    return (
      this.firstOut.byteLength +
      this.firstIn.byteLength +
      this.edgeParent.byteLength +
      this.edgeChild.byteLength +
      this.edgeQuantity.byteLength +
      this.edgeVia.byteLength +
      this.nextOut.byteLength +
      this.nextIn.byteLength
    );
  }

  /** The used part of every array, for a snapshot (views, not copies). */
  exportArrays() {
    const lots = this.lots;
    const edges = this.edges;
    return {
      firstOut: this.firstOut.subarray(0, lots),
      firstIn: this.firstIn.subarray(0, lots),
      edgeParent: this.edgeParent.subarray(0, edges),
      edgeChild: this.edgeChild.subarray(0, edges),
      edgeQuantity: this.edgeQuantity.subarray(0, edges),
      edgeVia: this.edgeVia.subarray(0, edges),
      nextOut: this.nextOut.subarray(0, edges),
      nextIn: this.nextIn.subarray(0, edges),
    };
  }

  /** The quantities kept beside the arrays, for a snapshot's values. */
  exportWide(): [number, number][] {
    return [...this.wideQuantities];
  }

  /**
   * importArrays replaces the graph with a snapshot's arrays (copied, with room to grow) and the
   * quantities kept beside them (exportWide).
   */
  importArrays(arrays: ReturnType<TraceGraph['exportArrays']>, wide: readonly (readonly [number, number])[]): void {
    // Float64 quantities (an older layout) would be read as thousandths, wrongly, not refused.
    if (!(arrays.edgeQuantity instanceof Uint32Array)) throw new Error('trace graph snapshot: edge quantities are not Uint32 thousandths');
    const lots = arrays.firstOut.length;
    const edges = arrays.edgeParent.length;
    const lotCapacity = restoredCapacity(lots);
    const edgeCapacity = restoredCapacity(edges);
    this.firstOut = withCapacity(arrays.firstOut, lots, lotCapacity);
    this.firstIn = withCapacity(arrays.firstIn, lots, lotCapacity);
    this.edgeParent = withCapacity(arrays.edgeParent, edges, edgeCapacity);
    this.edgeChild = withCapacity(arrays.edgeChild, edges, edgeCapacity);
    this.edgeQuantity = withCapacity(arrays.edgeQuantity, edges, edgeCapacity);
    this.edgeVia = withCapacity(arrays.edgeVia, edges, edgeCapacity);
    this.nextOut = withCapacity(arrays.nextOut, edges, edgeCapacity);
    this.nextIn = withCapacity(arrays.nextIn, edges, edgeCapacity);
    this.lots = lots;
    this.edges = edges;
    this.wideQuantities.clear();
    for (const [edge, quantity] of wide) this.wideQuantities.set(edge, quantity);
    const lengths = [arrays.edgeChild, arrays.edgeQuantity, arrays.edgeVia, arrays.nextOut, arrays.nextIn];
    if (arrays.firstIn.length !== lots || lengths.some((array) => array.length !== edges)) {
      throw new Error('trace graph snapshot: arrays differ in length');
    }
  }
}
