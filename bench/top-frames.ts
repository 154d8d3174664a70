/**
 * Self time by module (package, directory of ours, Node internal), the frames with the most self
 * time, and the functions with the most total time (self and
 * callees), in V8 CPU profiles (node --cpu-prof; the benches write them for the gateway with
 * BENCH_CPU_PROFILE=dir). Run: node bench/top-frames.ts dir-or-file [count] [skip-seconds]
 * (skip-seconds: leave out the first seconds of each profile, the process's start and warm-up).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [target = '.', countText = '25', skipText = '0'] = process.argv.slice(2);
const count = Number(countText);
const skipUs = Number(skipText) * 1e6;
const files = statSync(target).isDirectory()
  ? readdirSync(target).filter((name) => name.endsWith('.cpuprofile')).map((name) => join(target, name))
  : [target];

function nameOf(frame: ProfileNode['callFrame']): string {
  const where = frame.url ? `${relative(process.cwd(), frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'} ${where}`.trim();
}

/** Where a frame's code lives: a package, a directory of ours, a Node internal module, or V8/native. */
function moduleOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:internal/deps/')) return url.split('/').slice(0, 3).join('/');
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  // The gateway as `npm start` runs it is built (build/node/src/…): group it as its sources.
  return relative(process.cwd(), url).replace(/^build\/[^/]+\//, '').split('/').slice(0, 2).join('/');
}

function print(title: string, times: Map<string, number>, totalUs: number): void {
  console.log(title);
  for (const [name, us] of [...times].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
  }
}

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const byModule = new Map<string, number>();
  const total = new Map<string, number>();
  let totalUs = 0;
  let elapsedUs = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsedUs += delta;
    if (elapsedUs < skipUs) return;
    totalUs += delta;
    const leafFrame = byId.get(nodeId)!.callFrame;
    const module = moduleOf(leafFrame);
    byModule.set(module, (byModule.get(module) ?? 0) + delta);
    const leaf = nameOf(leafFrame);
    self.set(leaf, (self.get(leaf) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      const name = nameOf(byId.get(id)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + delta);
    }
  });
  console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
  print('self time by module:', byModule, totalUs);
  print('self time:', self, totalUs);
  print('total time (self and callees):', total, totalUs);
}
