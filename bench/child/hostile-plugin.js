'use strict';
// Loaded by the soak with `ipemu serve --plugin`: services whose handlers throw or return values
// no output map can hold. The server must answer each with an INVOKE output map and live on.
const path = require('node:path');
const { definePlugin, defineService } = require(path.join(__dirname, '..', '..', 'dist', 'index.js'));

function cyclic() {
  const value = { message: 'cyclic' };
  value.self = value;
  return value;
}

function throwingGetters() {
  const value = {};
  for (const key of ['name', 'message', 'code', 'stack', 'errorCode', 'error', 'then', 'toJSON']) {
    Object.defineProperty(value, key, {
      enumerable: true,
      get() {
        throw value;
      },
    });
  }
  return value;
}

const hostile = {
  throwCyclic: () => {
    throw cyclic();
  },
  throwGetters: () => {
    throw throwingGetters();
  },
  returnGetters: () => throwingGetters(),
  returnBigInt: () => ({ count: 10n }),
  returnCyclic: () => cyclic(),
  returnHugeString: () => ({ errorCode: 'INVOKE-200', error: 'x'.repeat(8 * 2 ** 20) }),
  returnUnknownCode: () => ({ errorCode: 'INVOKE-299', error: 42 }),
  resolveTwice: () => ({
    then(resolve, reject) {
      resolve({ errorCode: 'INVOKE-200', error: 'OK' });
      resolve({ errorCode: 'INVOKE-200', error: 'again' });
      reject(new Error('and rejected'));
    },
  }),
  neverSettle: () => new Promise(() => {}),
  busyLoop: () => {
    const until = Date.now() + 30;
    while (Date.now() < until);
    return { errorCode: 'INVOKE-200', error: 'OK' };
  },
};

const plugin = definePlugin({
  name: 'hostile',
  services: [
    defineService(
      'Hostile',
      Object.fromEntries(
        Object.entries(hostile).map(([method, handler]) => [method, { description: `Hostile: ${method}`, input: { type: 'object' }, handler }]),
      ),
    ),
  ],
});

module.exports = { plugin, METHODS: Object.keys(hostile) };
