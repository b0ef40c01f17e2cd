#!/usr/bin/env node
'use strict';
require('../dist/cli/main.js')
  .runAsProcess(process.argv)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`ipemu: ${err && err.message ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
