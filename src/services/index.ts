import type { ServiceDefinition } from '../core/define-service';
import { insAsyncBulkService } from './ins-async-bulk-service';
import { insPolicyService } from './ins-policy-service';

/** Services every emulator registers before plugins. */
export const builtInServices: readonly ServiceDefinition[] = [insPolicyService, insAsyncBulkService];
