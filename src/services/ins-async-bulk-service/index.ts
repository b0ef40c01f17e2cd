import { defineService } from '../../core/define-service';
import { getRequestStatusByIdMethod } from './get-request-status-by-id';
import { getRequestStatusByUserMethod } from './get-request-status-by-user';

/** The Insurance managed package's InsAsyncBulkService: the status of InsuranceAsyncBulkRequests. */
export const insAsyncBulkService = defineService('InsAsyncBulkService', {
  getRequestStatusById: getRequestStatusByIdMethod,
  getRequestStatusByUser: getRequestStatusByUserMethod,
});
