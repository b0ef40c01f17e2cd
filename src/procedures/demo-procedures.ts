import { join } from 'node:path';

/** The embedded demo Integration Procedures and their Data Mapper (procedures/demo), for the demo org. */
export const DEMO_PROCEDURES: string = join(__dirname, '../../procedures/demo');
