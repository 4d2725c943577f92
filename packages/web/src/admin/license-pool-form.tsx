import { Card, Flex, Grid, Heading, TextField } from '@radix-ui/themes';
import { CreateLicensePoolBody, type CreateLicensePoolInput, type LicensePoolView } from '@deskside/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Field } from '../components/field';
import { isApiError } from '../lib/api';
import { type FieldErrors, fieldErrorsFrom, validateBody } from '../lib/problem';
import { AdminFormFooter } from './admin-form-footer';
import { changedFields } from './edit-conflict';
import { createLicensePool, updateLicensePool } from './license-pools-api';

interface LicensePoolFormProps {
  /** The pool being edited; null adds a new one. */
  initial: LicensePoolView | null;
  onSaved: (pool: LicensePoolView) => void;
  onCancel: () => void;
  onReload: () => void;
  reloading: boolean;
}

/** What the form compares against when it sends only the changed fields. */
function asBody(pool: LicensePoolView): CreateLicensePoolInput {
  return { name: pool.name, product: pool.product, seatCount: pool.seatCount, groupId: pool.group?.id ?? null, groupName: pool.group?.name ?? null };
}

/** Adds or changes a licence pool: its product, seat count and the directory group that grants it. */
export function LicensePoolForm({ initial, onSaved, onCancel, onReload, reloading }: LicensePoolFormProps) {
  const [name, setName] = useState(initial?.name ?? '');
  const [product, setProduct] = useState(initial?.product ?? '');
  const [seats, setSeats] = useState(initial ? String(initial.seatCount) : '');
  const [groupId, setGroupId] = useState(initial?.group?.id ?? '');
  const [groupName, setGroupName] = useState(initial?.group?.name ?? '');
  const [attempted, setAttempted] = useState(false);
  const [unchanged, setUnchanged] = useState(false);

  const save = useMutation({
    mutationFn: (body: CreateLicensePoolInput) =>
      initial ? updateLicensePool(initial.id, changedFields<CreateLicensePoolInput>(asBody(initial), body), initial.version) : createLicensePool(body),
    onSuccess: onSaved,
  });
  const conflict = isApiError(save.error, 412);
  const edited = (set: (value: string) => void) => (value: string) => {
    setUnchanged(false);
    if (save.isError && !conflict) save.reset();
    set(value);
  };

  const body = {
    name, product,
    seatCount: seats.trim() === '' ? Number.NaN : Number(seats),
    groupId: groupId.trim() === '' ? null : groupId.trim(),
    groupName: groupId.trim() === '' || groupName.trim() === '' ? null : groupName.trim(),
  };
  const checked = validateBody(CreateLicensePoolBody, body);
  const errors: FieldErrors = { ...(attempted && !checked.ok ? checked.errors : {}), ...fieldErrorsFrom(save.error) };
  // A lowered seat count below the seats in use, or a taken name, is a 409 that says which.
  if (isApiError(save.error, 409)) {
    const detail = save.error.problem.detail ?? '';
    if (/seat count/.test(detail)) errors.seatCount = detail;
    else if (/group/.test(detail)) errors.groupId = detail;
    else errors.name = detail;
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    setUnchanged(false);
    if (!checked.ok) return save.reset();
    if (initial && Object.keys(changedFields<CreateLicensePoolInput>(asBody(initial), checked.data)).length === 0) {
      save.reset();
      return setUnchanged(true);
    }
    save.mutate(checked.data);
  };

  return (
    <Card size="3" asChild>
      <form onSubmit={submit} noValidate aria-labelledby="license-pool-form-heading" data-testid="license-pool-form">
        <Flex direction="column" gap="4">
          <Heading as="h2" size="4" id="license-pool-form-heading">
            {initial ? `Edit pool: ${initial.name}` : 'New licence pool'}
          </Heading>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <Field label="Name" hint="How the desk names the pool, e.g. Office E3 (Sales)." error={errors.name}>
              {(p) => <TextField.Root {...p} value={name} onChange={(e) => edited(setName)(e.target.value)} data-testid="pool-name" />}
            </Field>
            <Field label="Product" hint="What the licence is for, e.g. Microsoft 365 E3." error={errors.product}>
              {(p) => <TextField.Root {...p} value={product} onChange={(e) => edited(setProduct)(e.target.value)} data-testid="pool-product" />}
            </Field>
            <Field
              label="Seats"
              hint={initial ? `${initial.seatsInUse} in use now; the count cannot go below that.` : 'How many licences you bought.'}
              error={errors.seatCount}
            >
              {(p) => <TextField.Root {...p} inputMode="numeric" value={seats} onChange={(e) => edited(setSeats)(e.target.value)} data-testid="pool-seats" />}
            </Field>
          </Grid>
          <Grid columns={{ initial: '1', sm: '2' }} gap="4">
            <Field
              label="Directory group that grants the licence (optional)"
              hint="Its immutable id. Assigning a seat adds the person to this group. Leave empty for a ledger only: the agent assigns the licence in the vendor's console."
              error={errors.groupId}
            >
              {(p) => <TextField.Root {...p} value={groupId} onChange={(e) => edited(setGroupId)(e.target.value)} data-testid="pool-group-id" />}
            </Field>
            <Field label="Group name" hint="Shown until the directory sync names the group." error={errors.groupName}>
              {(p) => <TextField.Root {...p} value={groupName} disabled={groupId.trim() === ''} onChange={(e) => edited(setGroupName)(e.target.value)} data-testid="pool-group-name" />}
            </Field>
          </Grid>
          <AdminFormFooter
            what="pool" isNew={!initial} conflict={conflict} onReload={onReload} reloading={reloading}
            error={isApiError(save.error, 409) ? null : save.error} hasClientErrors={attempted && !checked.ok}
            unchanged={unchanged} saving={save.isPending} onCancel={onCancel} testId="license-pool"
          />
        </Flex>
      </form>
    </Card>
  );
}
