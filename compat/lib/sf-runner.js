'use strict';
// Runs the installed sf CLI in a sealed environment: its own HOME (no auth file of the user's is read
// or written), no telemetry, no update check, no release notes, every connection through the guard proxy.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { withoutSalesforceEnv } = require('./mock-server');

const COMMAND_TIMEOUT_MS = 180_000;

const QUIET = {
  SF_DISABLE_TELEMETRY: 'true',
  SFDX_DISABLE_TELEMETRY: 'true',
  SF_TELEMETRY_DISABLE_ACKNOWLEDGEMENT: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SFDX_AUTOUPDATE_DISABLE: 'true',
  SF_DISABLE_AUTOUPDATE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SF_HIDE_RELEASE_NOTES: 'true',
  SF_HIDE_RELEASE_NOTES_FOOTER: 'true',
  SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
  SF_DISABLE_DNS_CHECK: 'true',
  SF_NO_COLOR: 'true',
  FORCE_COLOR: '0',
};

/** A throwaway HOME for one suite run. */
function makeSfHome() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ipemu-compat-home-'));
  return home;
}

/**
 * @param {{ sfBin: string, home: string, proxyUrl: string, caFile?: string }} opts
 * @returns {(args: string[], extraEnv?: Record<string, string>) => Promise<{ code: number | null, json: any, stdout: string, stderr: string }>}
 */
function sfRunner({ sfBin, home, proxyUrl, caFile }) {
  const env = {
    ...withoutSalesforceEnv(process.env),
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    PATH: `${path.dirname(sfBin)}${path.delimiter}${process.env.PATH ?? ''}`,
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
    ...QUIET,
    ...(caFile === undefined ? {} : { NODE_EXTRA_CA_CERTS: caFile }),
  };
  return (args, extraEnv = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(sfBin, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
      const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
      child.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        let json;
        try {
          json = JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code, json, stdout, stderr });
      });
    });
}

module.exports = { sfRunner, makeSfHome };
