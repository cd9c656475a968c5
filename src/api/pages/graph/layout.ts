/**
 * The lineage picture's layout: a layered left-to-right graph (farms on the
 * left, shops on the right) laid out by elkjs, the Eclipse Layout Kernel —
 * node placement, crossing minimisation and edge routing are what a library
 * does well and a hand-written layout does badly.
 */
import E from 'elkjs/lib/elk.bundled.js';
import type { LineageEdge, LineageNode } from '../../../projections/index.js';

/** elkjs is CommonJS: its class is the default export's `default` under NodeNext (STACK.md). */
type ElkClass = new () => { layout(graph: ElkGraph): Promise<ElkGraph> };
const Elk = ((E as unknown as { default?: ElkClass }).default ?? (E as unknown as ElkClass)) satisfies ElkClass;
const elk = new Elk();

interface ElkLabel {
  text: string;
  width: number;
  height: number;
  x?: number;
  y?: number;
}
interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  children?: ElkGraph[];
  edges?: { id: string; sources: string[]; targets: string[]; labels?: ElkLabel[]; sections?: ElkSection[] }[];
}
interface ElkSection {
  startPoint: { x: number; y: number };
  endPoint: { x: number; y: number };
  bendPoints?: { x: number; y: number }[];
}

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 64;

export interface LaidNode {
  readonly node: LineageNode;
  readonly x: number;
  readonly y: number;
}
export interface LaidEdge {
  readonly edge: LineageEdge;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly label?: { readonly text: string; readonly x: number; readonly y: number };
}
export interface LaidGraph {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidNode[];
  readonly edges: readonly LaidEdge[];
}

/** layoutLineage places `nodes` (each once) and the `edges` between them; an edge to a lot not listed is left out. */
export async function layoutLineage(
  nodes: readonly LineageNode[],
  edges: readonly LineageEdge[],
  edgeLabel: (edge: LineageEdge) => string,
): Promise<LaidGraph> {
  const listed = new Set(nodes.map((node) => node.code));
  const shown = edges.filter((edge) => listed.has(edge.parent) && listed.has(edge.child));
  const graph: ElkGraph = {
    id: 'lineage',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '70',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=16,left=16,bottom=16,right=16]',
    },
    children: nodes.map((node) => ({ id: node.code, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: shown.map((edge, index) => {
      const text = edgeLabel(edge);
      return { id: `e${index}`, sources: [edge.parent], targets: [edge.child], labels: [{ text, width: 8 + text.length * 7, height: 14 }] };
    }),
  };
  const laid = await elk.layout(graph);
  const byCode = new Map(nodes.map((node) => [node.code, node]));
  return {
    width: Math.ceil(laid.width ?? 0),
    height: Math.ceil(laid.height ?? 0),
    nodes: (laid.children ?? []).map((child) => ({ node: byCode.get(child.id)!, x: child.x ?? 0, y: child.y ?? 0 })),
    edges: (laid.edges ?? []).map((edge, index) => {
      const section = edge.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint] : [];
      const label = edge.labels?.[0];
      return {
        edge: shown[index]!,
        points,
        ...(label ? { label: { text: label.text, x: (label.x ?? 0) + label.width / 2, y: (label.y ?? 0) + label.height - 3 } } : {}),
      };
    }),
  };
}
