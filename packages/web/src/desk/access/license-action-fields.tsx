import type { AccessRequestView, LicensePoolList, LicensePoolView } from '@deskside/shared';
import { Callout, Flex, Text } from '@radix-ui/themes';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { NativeSelect } from '../../components/native-select';
import { FormError } from '../../components/form-error';
import { api } from '../../lib/api';
import type { ActionDetailsProps } from './action-details';

const fetchPools = (holder?: string) =>
  api.request<LicensePoolList>('GET', `/api/v1/license-pools${holder ? `?holder=${encodeURIComponent(holder)}` : ''}`).then((r) => r.items);

/** Assigning a seat: any pool, its free seats shown; a full pool cannot be picked. */
export function AssignLicenseFields({ person, onChange }: ActionDetailsProps) {
  const pools = useQuery({ queryKey: ['license-pools'], queryFn: () => fetchPools() });
  const held = useQuery({
    queryKey: ['license-pools', 'held', person?.immutableId],
    queryFn: () => fetchPools(person!.immutableId),
    enabled: person !== null,
  });
  const heldIds = new Set((held.data ?? []).map((p) => p.id));
  return (
    <PoolChoice
      label="Licence pool"
      hint="The seat is claimed when the request is executed; a pool never gives more seats than it has."
      pools={pools.data ?? null}
      error={pools.error}
      describe={(p) => (heldIds.has(p.id) ? `${p.name} (${p.product}): already held by this person` : `${p.name} (${p.product}): ${p.seatsFree} of ${p.seatCount} free`)}
      unavailable={(p) => p.seatsFree === 0 || heldIds.has(p.id)}
      empty="There are no licence pools yet; an admin adds them under Admin > Licences."
      onChange={onChange}
    />
  );
}

/** Reclaiming a seat: only the pools in which the picked person holds one. */
export function ReclaimLicenseFields({ person, onChange }: ActionDetailsProps) {
  const held = useQuery({
    queryKey: ['license-pools', 'held', person?.immutableId],
    queryFn: () => fetchPools(person!.immutableId),
    enabled: person !== null,
  });
  useEffect(() => {
    if (person === null) onChange(null);
  }, [person, onChange]);
  if (person === null) return <Text size="2" color="gray">Pick the person first: the desk then shows the pools in which they hold a seat.</Text>;
  return (
    <PoolChoice
      label="Licence to reclaim"
      hint={`The pools in which ${person.name} holds a seat. The seat is free again once the removal is done.`}
      pools={held.data ?? null}
      error={held.error}
      describe={(p) => `${p.name} (${p.product})`}
      unavailable={() => false}
      empty={`${person.name} holds no licence seat in any pool.`}
      onChange={onChange}
    />
  );
}

interface PoolChoiceProps {
  label: string;
  hint: string;
  pools: LicensePoolView[] | null;
  error: unknown;
  describe: (pool: LicensePoolView) => string;
  unavailable: (pool: LicensePoolView) => boolean;
  empty: string;
  onChange: ActionDetailsProps['onChange'];
}

function PoolChoice({ label, hint, pools, error, describe, unavailable, empty, onChange }: PoolChoiceProps) {
  const id = useId();
  const [picked, setPicked] = useState('');
  const pool = pools?.find((p) => String(p.id) === picked) ?? null;
  const usable = pool !== null && !unavailable(pool);
  useEffect(() => onChange(usable ? { poolId: String(pool.id) } : null), [usable, pool, onChange]);

  if (error) return <FormError error={error} />;
  if (pools === null) return <Text size="2" color="gray">Loading the licence pools…</Text>;
  if (pools.length === 0) return <Text size="2" color="gray" data-testid="license-pools-empty">{empty}</Text>;
  const options = [{ value: '', label: 'Pick a pool' }, ...pools.map((p) => ({ value: String(p.id), label: describe(p) }))];
  return (
    <Flex direction="column" gap="1">
      <Text as="label" htmlFor={id} size="2" weight="medium">{label}</Text>
      <Text size="1" color="gray" id={`${id}-hint`}>{hint}</Text>
      <NativeSelect id={id} aria-describedby={`${id}-hint`} options={options} value={picked} onValueChange={setPicked} data-testid="license-pool-select" />
      {pool && unavailable(pool) ? (
        <Text size="1" color="red" role="alert">{pool.seatsFree === 0 ? `No free seat in ${pool.name}: ${pool.seatsInUse} of ${pool.seatCount} in use.` : `This person already holds a seat in ${pool.name}.`}</Text>
      ) : null}
      {pool && usable && pool.group === null ? (
        <Callout.Root size="1" color="gray">
          <Callout.Text>
            {pool.name} is a ledger only: the desk records the seat, and you give or take the licence in the {pool.product} admin console.
          </Callout.Text>
        </Callout.Root>
      ) : null}
    </Flex>
  );
}

/** The pool a licence request names, by name and product, so the card says which seat is meant. */
export function LicenseActionSummary({ view }: { view: AccessRequestView }) {
  const poolId = view.action.poolId;
  const isLicence = view.action.type === 'assign_license' || view.action.type === 'reclaim_license';
  const pools = useQuery({ queryKey: ['license-pools'], queryFn: () => fetchPools(), enabled: isLicence && poolId !== undefined, staleTime: 60_000 });
  if (!isLicence || poolId === undefined) return null;
  const pool = pools.data?.find((p) => String(p.id) === poolId);
  return (
    <Text size="2" as="p" data-testid="license-action-summary">
      Licence pool: <strong>{pool ? `${pool.name} (${pool.product})` : `id ${poolId}`}</strong>
      {pool ? (pool.group ? ` · granted through the directory group ${pool.group.name ?? pool.group.id}` : ' · a ledger only: the change is made in the vendor console') : null}
    </Text>
  );
}
