'use strict';
// CPU profiles for targets that are missed: the in-process ones through the inspector, child
// processes through `node --cpu-prof`. Both reduce to the functions with the most self time, which
// is what the owner of the code needs to see in RESULTS.md.
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');
const config = require('./config');

function shortUrl(url) {
  if (!url) return '';
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
  return file.startsWith(config.root) ? path.relative(config.root, file) : file;
}

/** Where a frame's code lives: an npm package, one of ipemu's files, or Node/V8 itself. */
function moduleOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  return shortUrl(url);
}

/** Self time per function (µs), from the sample stream: each sample's delta goes to the node it hit. */
function topSelf(profile, { top = config.profile.top, trimEdges } = {}) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const moduleUs = new Map();
  let total = 0;
  const { samples = [], timeDeltas = [] } = profile;
  let first = 0;
  let last = samples.length - 1;
  if (trimEdges) {
    const at = (i) => nodes.get(samples[i])?.callFrame.functionName;
    while (first <= last && at(first) === trimEdges) first++;
    while (last >= first && at(last) === trimEdges) last--;
  }
  for (let i = first; i <= last; i++) {
    const node = nodes.get(samples[i]);
    const dt = Math.max(0, timeDeltas[i] ?? 0);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`.trim();
    selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
    const mod = moduleOf(f.url, f.functionName);
    moduleUs.set(mod, (moduleUs.get(mod) ?? 0) + dt);
    total += dt;
  }
  const rows = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, us]) => ({ fn, ms: us / 1000, pct: total > 0 ? (100 * us) / total : 0 }));
  const modules = [...moduleUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, us]) => ({ name, ms: us / 1000, pct: total > 0 ? (100 * us) / total : 0 }));
  return { totalMs: total / 1000, rows, modules };
}

function post(session, method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

/** Runs `work` under the inspector's sampling profiler in this process. */
async function profileInProcess(work) {
  const session = new inspector.Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(session, 'Profiler.start');
    let profile;
    try {
      await work();
    } finally {
      ({ profile } = await post(session, 'Profiler.stop'));
    }
    // Starting the profiler logs every code object on the heap; with the 150k-job org loaded that
    // takes longer than the work, all sampled inside the inspector's `dispatch`. Those edges are not the work.
    return topSelf(profile, { trimEdges: 'dispatch' });
  } finally {
    session.disconnect();
  }
}

/** Merges every .cpuprofile a `--cpu-prof-dir` run left (one per process). */
function topSelfOfDir(dir) {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (files.length === 0) return undefined;
  const merged = { nodes: [], samples: [], timeDeltas: [] };
  let offset = 0;
  for (const file of files) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    let maxId = 0;
    for (const n of p.nodes) {
      merged.nodes.push({ ...n, id: n.id + offset });
      maxId = Math.max(maxId, n.id);
    }
    for (const s of p.samples) merged.samples.push(s + offset);
    merged.timeDeltas.push(...p.timeDeltas);
    offset += maxId + 1;
  }
  return topSelf(merged);
}

module.exports = { topSelf, profileInProcess, topSelfOfDir };
