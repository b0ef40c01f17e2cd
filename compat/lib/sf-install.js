'use strict';
// Installs the Salesforce CLI into a folder of its own, never globally and never into ipemu's node_modules.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const SF_CLI_VERSION = '2.146.3';
// 2.146.3 is the last CLI release that accepts Node 20; the jsforce it pulls in (@jsforce/jsforce-node
// newer than 3.10.16) crashes on Node 20, hence the override.
const MANIFEST = {
  name: 'ipemu-compat-sf-cli',
  private: true,
  version: '0.0.0',
  dependencies: { '@salesforce/cli': SF_CLI_VERSION },
  overrides: { '@jsforce/jsforce-node': '3.10.16' },
};
const INSTALL_TIMEOUT_MS = 15 * 60 * 1000;

function sfBinOf(dir) {
  return path.join(dir, 'node_modules', '.bin', 'sf');
}

function installedVersion(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', '@salesforce', 'cli', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function sameManifest(dir) {
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))) === JSON.stringify(MANIFEST);
  } catch {
    return false;
  }
}

/**
 * The sf CLI in `dir`, installed unless the folder already holds this very version (IPEMU_COMPAT_DIR reruns).
 * npm runs with the user's own npm configuration (registry, proxy), only the prefix is ours.
 */
function ensureSfCli(dir, log) {
  fs.mkdirSync(dir, { recursive: true });
  if (installedVersion(dir) === SF_CLI_VERSION && sameManifest(dir) && fs.existsSync(sfBinOf(dir))) {
    log(`reusing @salesforce/cli@${SF_CLI_VERSION} in ${dir}`);
    return sfBinOf(dir);
  }
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(MANIFEST, null, 2)}\n`);
  log(`installing @salesforce/cli@${SF_CLI_VERSION} into ${dir} (a minute or two)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const res = spawnSync(npm, ['install', '--prefix', dir, '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: INSTALL_TIMEOUT_MS,
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  if (res.status !== 0) throw new Error(`npm install of @salesforce/cli@${SF_CLI_VERSION} failed (${res.error ? res.error.message : `exit ${res.status}`})`);
  if (installedVersion(dir) !== SF_CLI_VERSION) throw new Error(`npm installed @salesforce/cli@${installedVersion(dir)}, not ${SF_CLI_VERSION}`);
  return sfBinOf(dir);
}

module.exports = { ensureSfCli, SF_CLI_VERSION, MANIFEST };
