// Grid clustering of map markers: points closer than a cell on screen merge into one counted marker.

export interface ClusterInput {
  id: string;
  x: number;
  y: number;
}

export interface Cluster<T extends ClusterInput> {
  x: number;
  y: number;
  members: T[];
}

/** Buckets screen-space points into square cells of `cellPx`; each cluster sits at its members' mean. */
export function gridCluster<T extends ClusterInput>(points: T[], cellPx: number): Cluster<T>[] {
  const cells = new Map<string, T[]>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    const list = cells.get(key);
    if (list) list.push(p);
    else cells.set(key, [p]);
  }
  return [...cells.values()].map((members) => ({
    x: members.reduce((s, m) => s + m.x, 0) / members.length,
    y: members.reduce((s, m) => s + m.y, 0) / members.length,
    members,
  }));
}
