/**
 * What fills a V8 heap snapshot: self size and count by node type and constructor name, largest
 * first. Run: node bench/heap-summary.ts file.heapsnapshot [count]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

const [file, countText = '30'] = process.argv.slice(2);
if (!file) throw new Error('usage: node bench/heap-summary.ts file.heapsnapshot [count]');
const heap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
const fields = heap.snapshot.meta.node_fields;
const types = heap.snapshot.meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];

const groups = new Map<string, { bytes: number; count: number }>();
let total = 0;
for (let offset = 0; offset < heap.nodes.length; offset += fields.length) {
  const type = types[heap.nodes[offset + typeAt]!]!;
  const size = heap.nodes[offset + sizeAt]!;
  // Objects by constructor; strings, code, arrays and the rest by their type alone.
  const key = type === 'object' || type === 'closure' ? `${type} ${heap.strings[heap.nodes[offset + nameAt]!]}` : type;
  const group = groups.get(key) ?? { bytes: 0, count: 0 };
  group.bytes += size;
  group.count += 1;
  groups.set(key, group);
  total += size;
}
console.log(`${file}: ${(total / 2 ** 20).toFixed(1)} MiB in ${heap.nodes.length / fields.length} nodes`);
for (const [key, { bytes, count }] of [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, Number(countText))) {
  console.log(`${(bytes / 2 ** 20).toFixed(1).padStart(8)} MiB ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${String(count).padStart(9)}  ${key}`);
}
