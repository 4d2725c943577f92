import { Button, Flex, Text, TextField } from '@radix-ui/themes';
import type { Person } from '@deskside/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Field } from '../components/field';
import { api, queryKeys } from '../lib/api';

interface PersonPickerProps {
  label: string;
  value: Person | null;
  onChange: (person: Person | null) => void;
  error?: string | undefined;
}

/** Finds the caller by name or e-mail; the chosen person is shown with a way to change it. */
export function PersonPicker({ label, value, onChange, error }: PersonPickerProps) {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const id = window.setTimeout(() => setQ(text.trim()), 250);
    return () => window.clearTimeout(id);
  }, [text]);
  const people = useQuery({
    queryKey: queryKeys.people(q),
    queryFn: () => api.people({ q }).then((r) => r.items),
    enabled: q.length > 0 && !value,
  });

  if (value) {
    return (
      <Flex direction="column" gap="1">
        <Text size="2" weight="medium">
          {label}
        </Text>
        <Flex gap="3" align="center" data-testid="chosen-requester">
          <Text>
            {value.name} <Text color="gray">({value.email})</Text>
          </Text>
          <Button type="button" variant="ghost" size="1" onClick={() => onChange(null)}>
            Change caller
          </Button>
        </Flex>
      </Flex>
    );
  }

  const results = people.data ?? [];
  return (
    <Flex direction="column" gap="2">
      <Field label={label} hint="Type part of a name or e-mail address." error={error}>
        {(p) => (
          <TextField.Root
            {...p}
            type="search"
            autoFocus
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="requester-search"
          />
        )}
      </Field>
      <div aria-live="polite">
        {q && people.isSuccess ? (
          results.length ? (
            <ul className="ds-person-results" aria-label="Matching people">
              {results.map((person) => (
                <li key={person.id}>
                  <Button
                    type="button"
                    variant="ghost"
                    onClick={() => onChange(person)}
                    data-testid="requester-option"
                    aria-label={`Choose ${person.name}, ${person.email}`}
                  >
                    {person.name}
                    <Text color="gray" size="1">
                      {person.email}
                    </Text>
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <Text size="2" color="gray">
              Nobody matches “{q}”.
            </Text>
          )
        ) : null}
      </div>
    </Flex>
  );
}
