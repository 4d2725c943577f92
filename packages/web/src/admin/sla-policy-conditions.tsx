import { Checkbox, Flex, Text, TextField } from '@radix-ui/themes';
import { TICKET_TYPES, type Group, type SlaConditions, type TicketType } from '@deskside/shared';
import { Field } from '../components/field';
import type { FieldErrors } from '../lib/problem';
import { TYPE_LABELS } from './sla-policy-text';

/** The conditions as the form holds them: categories stay one comma-separated line while typed. */
export interface ConditionsDraft {
  types: TicketType[];
  categories: string;
  sites: string;
  requesterGroupIds: number[];
  vipOnly: boolean;
}

export function conditionsDraftOf(c: SlaConditions): ConditionsDraft {
  return {
    types: c.types ?? [],
    categories: (c.categories ?? []).join(', '),
    sites: (c.requesterSites ?? []).join(', '),
    requesterGroupIds: c.requesterGroupIds ?? [],
    vipOnly: c.vipOnly === true,
  };
}

/** Only the conditions that ask something; none at all matches every ticket. */
export function conditionsOf(d: ConditionsDraft): SlaConditions {
  const list = (text: string) => [...new Set(text.split(',').map((c) => c.trim()).filter(Boolean))];
  const categories = list(d.categories);
  const requesterSites = list(d.sites);
  // Both types ticked asks nothing about the type.
  const types = d.types.length > 0 && d.types.length < TICKET_TYPES.length ? TICKET_TYPES.filter((t) => d.types.includes(t)) : [];
  return {
    ...(types.length ? { types } : {}),
    ...(categories.length ? { categories } : {}),
    ...(requesterSites.length ? { requesterSites } : {}),
    ...(d.requesterGroupIds.length ? { requesterGroupIds: [...d.requesterGroupIds].sort((a, b) => a - b) } : {}),
    ...(d.vipOnly ? { vipOnly: true } : {}),
  };
}

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);
}

/** When the policy applies: every condition filled in must hold. */
export function SlaPolicyConditions({
  draft,
  onChange,
  groups,
  errors,
}: {
  draft: ConditionsDraft;
  onChange: (d: ConditionsDraft) => void;
  groups: Group[];
  errors: FieldErrors;
}) {
  const errorOf = (field: string) => errors[`conditions.${field}`] ?? Object.entries(errors).find(([k]) => k.startsWith(`conditions.${field}.`))?.[1];
  const categoryError = errorOf('categories');
  return (
    <Flex direction="column" gap="4">
      <fieldset className="ds-fieldset" aria-describedby={errors['conditions.types'] ? 'types-error' : undefined}>
        <legend>
          <Text size="2" weight="medium">
            Ticket types
          </Text>{' '}
          <Text size="1" color="gray">
            (none ticked: any type)
          </Text>
        </legend>
        <Flex gap="4" wrap="wrap">
          {TICKET_TYPES.map((t) => (
            <Text as="label" size="2" className="ds-checkbox-label" key={t}>
              <Flex gap="2" align="center">
                <Checkbox
                  checked={draft.types.includes(t)}
                  onCheckedChange={(c) => onChange({ ...draft, types: toggle(draft.types, t, c === true) })}
                  data-testid={`condition-type-${t}`}
                />
                {TYPE_LABELS[t]}
              </Flex>
            </Text>
          ))}
        </Flex>
        {errors['conditions.types'] ? (
          <Text id="types-error" size="1" color="red">
            {errors['conditions.types']}
          </Text>
        ) : null}
      </fieldset>
      <Field label="Categories" hint="Separate several with commas; the ticket's category must be one of them. Empty: any category." error={categoryError}>
        {(p) => (
          <TextField.Root {...p} value={draft.categories} onChange={(e) => onChange({ ...draft, categories: e.target.value })} data-testid="condition-categories" />
        )}
      </Field>
      <Field
        label="Requester's sites"
        hint="Separate several with commas, as sites are written on people (letter case does not matter). Empty: any site."
        error={errorOf('requesterSites')}
      >
        {(p) => <TextField.Root {...p} value={draft.sites} onChange={(e) => onChange({ ...draft, sites: e.target.value })} data-testid="condition-sites" />}
      </Field>
      <fieldset className="ds-fieldset">
        <legend>
          <Text size="2" weight="medium">
            Requester's groups
          </Text>{' '}
          <Text size="1" color="gray">
            (the requester is in any ticked group; none ticked: anyone)
          </Text>
        </legend>
        <Flex gap="4" wrap="wrap">
          {groups.map((g) => (
            <Text as="label" size="2" className="ds-checkbox-label" key={g.id}>
              <Flex gap="2" align="center">
                <Checkbox
                  checked={draft.requesterGroupIds.includes(g.id)}
                  onCheckedChange={(c) => onChange({ ...draft, requesterGroupIds: toggle(draft.requesterGroupIds, g.id, c === true) })}
                />
                {g.name}
              </Flex>
            </Text>
          ))}
          {groups.length === 0 ? (
            <Text size="2" color="gray">
              No groups yet.
            </Text>
          ) : null}
        </Flex>
        {errors['conditions.requesterGroupIds'] ? (
          <Text size="1" color="red">
            {errors['conditions.requesterGroupIds']}
          </Text>
        ) : null}
      </fieldset>
      <Flex direction="column" gap="1">
        <Text as="label" size="2" className="ds-checkbox-label">
          <Flex gap="2" align="center">
            <Checkbox checked={draft.vipOnly} onCheckedChange={(c) => onChange({ ...draft, vipOnly: c === true })} data-testid="condition-vip" />
            Only for VIP requesters
          </Flex>
        </Text>
        <Text size="1" color="gray">
          Use it for tighter targets. Being a VIP never loosens how the desk checks who someone is.
        </Text>
      </Flex>
    </Flex>
  );
}
