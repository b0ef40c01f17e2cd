/**
 * The emulator routes on `ipemu mock-org serve`: Integration Procedures, and the services route and
 * capabilities through which the mock org acts as an org with the managed package installed.
 * mock-org may import neither http nor procedures, so this composition lives here: http's routes,
 * mounted through the fake REST API's extension scopes, running on emulators over that mock org.
 */
import type { Emulator } from '../core/emulator';
import type { MockOrg } from '../mock-org/mock-org';
import type { MockRestExtension } from '../mock-org/rest/server';
import { apexRestRoutes, connectRoutes } from '../http/procedure-routes';
import { serviceRoutes } from '../http/service-routes';

export interface MockOrgProcedures {
  readonly extension: MockRestExtension;
  /** Closes every emulator made. */
  close(): Promise<void>;
}

/**
 * A procedure or service runs as the user whose token called it, so it sees that user's fields and objects:
 * one emulator per user, made on first use, on `org.asUser(user)`. The default user's is made
 * now, so that a definition that cannot be read stops the command before it listens.
 */
export function mockOrgProcedures(org: MockOrg, emulatorOn: (org: MockOrg) => Emulator): MockOrgProcedures {
  const emulators = new Map<string, Emulator>([[org.userName, emulatorOn(org)]]);
  const emulatorOf = (user: string | undefined): Emulator => {
    const name = user ?? org.userName;
    let emulator = emulators.get(name);
    if (!emulator) {
      emulator = emulatorOn(org.asUser(name));
      emulators.set(name, emulator);
    }
    return emulator;
  };
  const routes = { runnerOf: (request: { ipemuUser?: string }) => emulatorOf(request.ipemuUser) };
  return {
    extension: {
      apexRest: async (scope) => {
        await scope.register(apexRestRoutes(routes));
        await scope.register(serviceRoutes(routes));
      },
      dataApi: connectRoutes(routes),
    },
    close: async () => {
      await Promise.all([...emulators.values()].map((emulator) => emulator.close()));
    },
  };
}
