'use strict';

/** The results as a fixed-width table, one row per check. */
function printTable(rows, out) {
  const cells = rows.map((r) => [r.pass, r.ok ? 'ok' : 'FAIL', r.name, r.detail ?? '', r.command]);
  const head = ['pass', 'result', 'check', 'detail', 'command'];
  const widths = head.map((h, i) => Math.min(i === 3 ? 70 : 90, Math.max(h.length, ...cells.map((c) => c[i].length))));
  const line = (c) =>
    c
      .map((v, i) => (v.length > widths[i] ? `${v.slice(0, widths[i] - 1)}…` : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  out.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const c of cells) out.write(`${line(c)}\n`);
  const failed = rows.filter((r) => !r.ok && (r.detail ?? '').length > widths[3]);
  if (failed.length > 0) out.write(`\n${failed.map((r) => `${r.pass} ${r.name}: ${r.detail}`).join('\n')}\n`);
}

module.exports = { printTable };
