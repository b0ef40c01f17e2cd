'use strict';
// Renders bench/RESULTS.md and the console summary from what the suites returned.
const { fmtSummary, fmtNum } = require('./stats');

function esc(text) {
  return String(text).replace(/\|/g, '\\|');
}

function targetsTable(targets) {
  const lines = ['| target | required | measured | result |', '|---|---|---|---|'];
  for (const t of targets) lines.push(`| ${esc(t.name)} | ${esc(t.target)} | ${esc(t.actual)} | ${t.pass ? 'pass' : '**FAIL**'} |`);
  return lines.join('\n');
}

function sectionMd(section) {
  const lines = [`### ${section.title}`, '', section.text, '', '| measurement | min / **median** / max | note |', '|---|---|---|'];
  for (const row of section.rows) lines.push(`| ${esc(row.name)} | ${fmtSummary(row.summary, row.unit)} | ${esc(row.note ?? '')} |`);
  return lines.join('\n');
}

function profileMd(p) {
  const lines = [
    `### ${p.title}`,
    '',
    `Top self time over ${fmtNum(p.top.totalMs)} ms of samples:`,
    '',
    '| function (file:line) | self ms | % |',
    '|---|---|---|',
  ];
  for (const r of p.top.rows) lines.push(`| \`${esc(r.fn)}\` | ${fmtNum(r.ms, 1)} | ${r.pct.toFixed(1)} |`);
  lines.push('', 'Self time by package or file: ' + p.top.modules.map((m) => `${m.name} ${m.pct.toFixed(0)}%`).join(', ') + '.');
  return lines.join('\n');
}

function render({ machine, quick, results, failures, seconds, notes }) {
  const targets = results.flatMap((r) => r.targets);
  const profiles = results.flatMap((r) => r.profiles);
  const out = [
    '# ipemu benchmark results',
    '',
    ...(quick ? ['> **QUICK MODE (BENCH_QUICK=1): smoke figures from short runs — not results.**', ''] : []),
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB memory (${machine.platform})`,
    `- Load average at start: ${machine.loadAverage.map((x) => x.toFixed(2)).join(', ')}`,
    `- Node ${machine.node}; run took ${fmtNum(seconds)} s; reproduce with \`npm run bench\``,
    '',
    'Every figure is min / **median** / max over repeated runs in this one run; targets are judged on the median.',
    '',
    '## Targets',
    '',
    targets.length > 0 ? targetsTable(targets) : 'No target was measured.',
    '',
  ];
  if (failures.length > 0) {
    out.push('## Suites that did not finish', '');
    for (const f of failures) out.push(`- **${f.name}**: ${esc(f.error)}`);
    out.push('');
  }
  out.push('## Figures', '');
  for (const r of results) out.push(sectionMd(r.section), '');
  out.push('## Profile notes', '');
  if (profiles.length === 0) {
    const allMet = failures.length === 0 && targets.every((t) => t.pass);
    out.push(allMet ? 'Every target was met; no profile was taken.' : 'No profile was taken (see the targets and any suite that did not finish).', '');
  }
  for (const p of profiles) out.push(profileMd(p), '');
  // The hand-kept reading of the profiles (bench/NOTES.md) follows the figures it explains.
  if (notes) out.push(notes.trim(), '');
  return out.join('\n');
}

function consoleSummary(results, failures) {
  const lines = ['', 'Targets:'];
  for (const t of results.flatMap((r) => r.targets)) lines.push(`  ${t.pass ? 'pass' : 'FAIL'}  ${t.name}: ${t.actual} (required ${t.target})`);
  for (const f of failures) lines.push(`  ERROR ${f.name}: ${f.error}`);
  return lines.join('\n');
}

module.exports = { render, consoleSummary };
