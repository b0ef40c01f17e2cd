#!/usr/bin/env node
'use strict';
// Build step: compiles schemas/fixtures.schema.json ahead of time with Ajv's standalone code
// generation, in core's Ajv setup, into dist/mock-org/fixtures/fixture-validators.js, so loading
// fixtures at start-up does not pay Ajv's compile (see src/mock-org/fixtures/document-schema.ts).
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const standaloneCode = require('ajv/dist/standalone').default;

const dist = join(__dirname, '..', 'dist');
const { createAjv } = require(join(dist, 'core', 'validation.js'));
const schemaModule = require(join(dist, 'mock-org', 'fixtures', 'document-schema.js'));

// A file from an earlier build must not stand in for this one if generation fails.
rmSync(schemaModule.PRECOMPILED_VALIDATORS, { force: true });
const ajv = createAjv({ code: { source: true } });
schemaModule.compileFixtureValidators(ajv);
writeFileSync(schemaModule.PRECOMPILED_VALIDATORS, standaloneCode(ajv, schemaModule.VALIDATOR_REFS));
process.stdout.write(`fixture-validators: ${Object.keys(schemaModule.VALIDATOR_REFS).join(', ')}\n`);
