'use strict';
// Timing and summary helpers shared by every benchmark suite.
const os = require('node:os');

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function median(sorted) {
  const n = sorted.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** min / median / max of repeated samples: one run's noise shows in the spread, not hidden in a mean. */
function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { min: sorted[0], median: median(sorted), max: sorted[sorted.length - 1], n: sorted.length, samples };
}

function machine() {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus.length > 0 ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 2 ** 30,
    loadAverage: os.loadavg(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function fmtNum(x, digits = 0) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Chooses decimals by magnitude so both 152,000/s and 0.067 req/inv read well. */
function fmtAuto(x) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return fmtNum(x, 0);
  if (a >= 100) return fmtNum(x, 1);
  if (a >= 1) return fmtNum(x, 2);
  return fmtNum(x, 3);
}

function fmtSummary(s, unit = '') {
  const u = unit ? ` ${unit}` : '';
  return `${fmtAuto(s.min)} / **${fmtAuto(s.median)}** / ${fmtAuto(s.max)}${u}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { nowMs, summarize, median, machine, fmtNum, fmtAuto, fmtSummary, sleep };
