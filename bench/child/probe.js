'use strict';
// Preloaded (-r) into `ipemu serve` so the harness can look inside the real server process over
// IPC without changing its code: heap after a full GC (the soak), and a CPU profile of just the
// load window, without start-up (the HTTP target).
const fs = require('node:fs');
const inspector = require('node:inspector');

let session;

function post(method, params) {
  return new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
}

async function handle(message) {
  switch (message && message.cmd) {
    case 'heap': {
      if (typeof global.gc === 'function') global.gc();
      const mem = process.memoryUsage();
      return { heapUsed: mem.heapUsed, rss: mem.rss };
    }
    case 'prof-start':
      session = new inspector.Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
      await post('Profiler.start');
      return { ok: true };
    case 'prof-stop': {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      fs.writeFileSync(message.file, JSON.stringify(profile));
      return { ok: true };
    }
    default:
      return { error: `unknown probe command ${JSON.stringify(message)}` };
  }
}

process.on('message', (message) => {
  handle(message).then(
    (reply) => process.send && process.send(reply),
    (err) => process.send && process.send({ error: String(err && err.message ? err.message : err) }),
  );
});
// The IPC channel must not keep the server alive once it has stopped on SIGINT.
if (process.channel && typeof process.channel.unref === 'function') process.channel.unref();
