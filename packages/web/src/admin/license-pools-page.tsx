import { Badge, Button, Callout, Flex, Text } from '@radix-ui/themes';
import type { LicensePoolView } from '@deskside/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormError } from '../components/form-error';
import { AdminPage } from './admin-tabs';
import { ActionsHeader } from './admin-table-cells';
import { LicensePoolForm } from './license-pool-form';
import { deleteLicensePool, fetchLicensePool, fetchLicensePools, fetchPoolSeats, licensePoolsKey, poolSeatsKey } from './license-pools-api';
import { SeatUsageBar } from './seat-usage-bar';
import { useAdminEditor } from './use-admin-editor';
import './license-pools-page.css';

/** Licence pools: how many seats each has, how many are in use, and who holds them. */
export function LicensePoolsPage() {
  const client = useQueryClient();
  const pools = useQuery({ queryKey: licensePoolsKey, queryFn: fetchLicensePools });
  const { editing, open, saved, reload, finish } = useAdminEditor(fetchLicensePool, licensePoolsKey);
  const remove = useMutation({
    mutationFn: (pool: LicensePoolView) => deleteLicensePool(pool.id, pool.version),
    onSuccess: () => void client.invalidateQueries({ queryKey: licensePoolsKey }),
  });

  return (
    <AdminPage title="Licences">
      <Text as="p" size="2" color="gray">
        A pool is a number of seats of one product. Agents assign and reclaim seats on a ticket, behind the same verification
        as every identity action; a pool never gives more seats than it has. A pool with a directory group grants the licence
        by adding the person to that group; a pool without one is a ledger and the agent assigns the licence in the vendor's console.
      </Text>
      {saved ? (
        <Callout.Root color="green" role="status" size="1" data-testid="license-pool-saved">
          <Callout.Text>{saved}</Callout.Text>
        </Callout.Root>
      ) : null}
      {editing.mode === 'list' ? (
        <Flex>
          <Button onClick={() => open({ mode: 'new' })} data-testid="new-license-pool">
            Add a pool
          </Button>
        </Flex>
      ) : (
        <LicensePoolForm
          key={editing.mode === 'edit' ? `${editing.item.id}:${editing.item.version}` : 'new'}
          initial={editing.mode === 'edit' ? editing.item : null}
          onSaved={(pool) => finish(`Pool "${pool.name}" saved.`, pool)}
          onCancel={() => open({ mode: 'list' })}
          onReload={() => editing.mode === 'edit' && reload.mutate(editing.item.id)}
          reloading={reload.isPending}
        />
      )}
      <FormError error={pools.error ?? reload.error ?? remove.error} />
      {pools.data ? (
        <PoolTable pools={pools.data} onEdit={(pool) => open({ mode: 'edit', item: pool })} onDelete={(pool) => remove.mutate(pool)} deleting={remove.isPending} />
      ) : pools.isPending ? (
        <Text color="gray">Loading…</Text>
      ) : null}
    </AdminPage>
  );
}

interface PoolTableProps {
  pools: LicensePoolView[];
  onEdit: (pool: LicensePoolView) => void;
  onDelete: (pool: LicensePoolView) => void;
  deleting: boolean;
}

function PoolTable({ pools, onEdit, onDelete, deleting }: PoolTableProps) {
  const [shown, setShown] = useState<number | null>(null);
  if (pools.length === 0) return <Text color="gray">No licence pools yet.</Text>;
  return (
    <div className="ds-table-wrap">
      <table className="ds-table" data-testid="license-pools-table">
        <caption className="ds-visually-hidden">Licence pools</caption>
        <thead>
          <tr>
            <th scope="col">Pool</th>
            <th scope="col">Granted by</th>
            <th scope="col">Seats</th>
            <ActionsHeader />
          </tr>
        </thead>
        <tbody>
          {pools.map((p) => (
            <tr key={p.id} data-testid="license-pool-row" data-pool-name={p.name}>
              <th scope="row">
                <Flex direction="column">
                  <Text weight="medium">{p.name}</Text>
                  <Text size="1" color="gray">{p.product}</Text>
                </Flex>
              </th>
              <td>{p.group ? <Badge color="blue">{p.group.name ?? p.group.id}</Badge> : <Badge color="gray">Ledger only</Badge>}</td>
              <td>
                <SeatUsageBar used={p.seatsInUse} total={p.seatCount} label={p.name} />
                {shown === p.id ? <PoolSeats poolId={p.id} /> : null}
              </td>
              <td className="ds-actions">
                <Flex gap="2" wrap="wrap">
                  <Button size="1" variant="soft" onClick={() => onEdit(p)} aria-label={`Edit ${p.name}`} data-testid="edit-license-pool">
                    Edit
                  </Button>
                  <Button size="1" variant="soft" color="gray" onClick={() => setShown(shown === p.id ? null : p.id)} aria-expanded={shown === p.id} aria-label={`Holders of ${p.name}`}>
                    {shown === p.id ? 'Hide holders' : 'Holders'}
                  </Button>
                  {p.seatsInUse === 0 ? (
                    <Button size="1" variant="soft" color="red" onClick={() => onDelete(p)} loading={deleting} aria-label={`Delete ${p.name}`}>
                      Delete
                    </Button>
                  ) : null}
                </Flex>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PoolSeats({ poolId }: { poolId: number }) {
  const seats = useQuery({ queryKey: poolSeatsKey(poolId), queryFn: () => fetchPoolSeats(poolId) });
  if (seats.isPending) return <Text size="1" color="gray">Loading…</Text>;
  if (seats.error) return <FormError error={seats.error} />;
  if (seats.data.length === 0) return <Text size="1" color="gray">Nobody holds a seat.</Text>;
  return (
    <ul className="ds-seat-list" data-testid="pool-seats">
      {seats.data.map((s) => (
        <li key={s.seatNo}>
          <Text size="1">
            Seat {s.seatNo}: {s.holder.name} <Text color="gray">(since {new Date(s.assignedAt).toLocaleDateString()})</Text>
          </Text>
        </li>
      ))}
    </ul>
  );
}
