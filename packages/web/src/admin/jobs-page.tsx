import { Badge, Button, Callout, Flex, Text } from '@radix-ui/themes';
import type { Job, JobList, JobStatus } from '@deskside/shared';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../components/form-error';
import { NativeSelect } from '../components/native-select';
import { api } from '../lib/api';
import { describeAgo, formatWhen, useNow } from '../lib/time';
import { AdminPage } from './admin-tabs';
import { TryAgainOrDiscard } from './admin-table-cells';

const STATUS_OPTIONS: { value: JobStatus; label: string }[] = [
  { value: 'dead', label: 'Failed for good (dead letters)' },
  { value: 'ready', label: 'Waiting to run' },
  { value: 'running', label: 'Running now' },
  { value: 'done', label: 'Done recently' },
];

const jobsKey = (status: JobStatus) => ['admin', 'jobs', status] as const;

/** Background work an admin may need to look at: above all, jobs that failed every attempt. */
export function JobsPage() {
  const [status, setStatus] = useState<JobStatus>('dead');
  const now = useNow();
  const jobs = useInfiniteQuery({
    queryKey: jobsKey(status),
    queryFn: ({ pageParam }) =>
      api.request<JobList>('GET', `/api/v1/admin/jobs?status=${status}&limit=50${pageParam ? `&before=${pageParam}` : ''}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = jobs.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <AdminPage title="Background jobs">
      <Text as="p" size="2" color="gray">
        Mail, notifications and timers run as jobs. A job that fails is tried again with growing pauses; after its last
        attempt it stops here, so nothing is lost silently. Retry it once the cause is fixed, or discard it.
      </Text>
      <Flex gap="3" align="end">
        <label className="ds-inline-field">
          <Text size="2" weight="medium">
            Show
          </Text>
          <NativeSelect
            value={status}
            onValueChange={(v) => setStatus(v as JobStatus)}
            options={STATUS_OPTIONS}
            data-testid="job-status-filter"
          />
        </label>
      </Flex>
      <FormError error={jobs.error} />
      {jobs.isSuccess && items.length === 0 ? (
        <Callout.Root color={status === 'dead' ? 'green' : 'gray'} data-testid="no-jobs">
          <Callout.Text>{status === 'dead' ? 'No failed jobs. Everything went through.' : 'No jobs in this state.'}</Callout.Text>
        </Callout.Root>
      ) : null}
      {items.length > 0 ? <JobTable jobs={items} status={status} now={now} /> : null}
      {jobs.hasNextPage ? (
        <Flex>
          <Button variant="soft" onClick={() => void jobs.fetchNextPage()} loading={jobs.isFetchingNextPage}>
            Load more
          </Button>
        </Flex>
      ) : null}
    </AdminPage>
  );
}

function JobTable({ jobs, status, now }: { jobs: Job[]; status: JobStatus; now: number }) {
  return (
    <table className="ds-table" data-testid="jobs-table">
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last error</th>
          <th scope="col">{status === 'ready' ? 'Runs' : 'Last change'}</th>
          {status === 'dead' ? <th scope="col">What to do</th> : null}
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} data-testid="job-row" data-job-id={job.id} data-job-kind={job.kind}>
            <th scope="row">
              <Flex direction="column" gap="1">
                <Text weight="medium">{job.kind}</Text>
                <Text size="1" color="gray">
                  #{job.id}
                </Text>
              </Flex>
            </th>
            <td className="ds-nowrap">
              {job.attempts} of {job.maxAttempts}
            </td>
            <td>{job.lastError ? <div className="ds-job-error">{job.lastError}</div> : <Text color="gray">—</Text>}</td>
            <td className="ds-nowrap">
              <Text title={formatWhen(status === 'ready' ? job.runAt : job.updatedAt, now)}>
                {status === 'ready' ? formatWhen(job.runAt, now) : describeAgo(job.updatedAt, now)}
              </Text>
            </td>
            {status === 'dead' ? (
              <td>
                <DeadJobActions job={job} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeadJobActions({ job }: { job: Job }) {
  const client = useQueryClient();
  const act = useMutation({
    mutationFn: (action: 'retry' | 'discard') => api.request<Job>('POST', `/api/v1/admin/jobs/${job.id}/${action}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin', 'jobs'] }),
  });
  return (
    <TryAgainOrDiscard
      againLabel="Retry"
      againTestId="retry-job"
      discardTestId="discard-job"
      busy={act.isPending ? (act.variables === 'retry' ? 'again' : 'discard') : null}
      onAgain={() => act.mutate('retry')}
      onDiscard={() => act.mutate('discard')}
    >
      {act.isError ? <Badge color="red">{act.error.message}</Badge> : null}
    </TryAgainOrDiscard>
  );
}
