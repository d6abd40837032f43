import { actorOf, type HttpApp } from './http';
import { getJob } from './jobs';
import { ErrorBody, IdParams } from './shared/api';
import { JobView } from './shared/jobs-contract';

/** Progress of long work, polled by the UI's progress bars. */
export function jobRoutes(app: HttpApp) {
  app.get(
    '/api/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: '任务进度',
        params: IdParams,
        response: { 200: JobView, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => getJob(actorOf(request), request.params.id),
  );
}
