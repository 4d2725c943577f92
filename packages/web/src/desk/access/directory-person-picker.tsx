import type { DirectoryPersonView } from '@deskside/shared';
import { Badge, Button, Flex, Text, TextField } from '@radix-ui/themes';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { searchDirectoryPeople } from './access-api';

interface PickerProps {
  picked: DirectoryPersonView | null;
  onPick: (person: DirectoryPersonView | null) => void;
  error?: string | undefined;
}

/** Debounces what the agent types, so the directory is searched once they pause. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Finds a person of record and picks them. What is typed only searches: the form keeps
 * the picked person's immutable id, so a typed name can never become the target.
 */
export function DirectoryPersonPicker({ picked, onPick, error }: PickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [changing, setChanging] = useState(false);
  const pickedRef = useRef<HTMLDivElement>(null);
  // Keyboard users land on what they just did: the picked person, or the search box again.
  useEffect(() => {
    if (picked) pickedRef.current?.focus();
  }, [picked]);
  const q = useSettled(text.trim());
  const results = useQuery({ queryKey: ['directory-people', q], queryFn: () => searchDirectoryPeople(q), enabled: q.length >= 2 && !picked });

  if (picked) {
    return (
      <Flex direction="column" gap="1">
        <Text as="div" size="2" weight="medium" id={`${id}-label`}>
          Who is it for
        </Text>
        <Flex align="center" gap="2" className="ds-access-picked" data-testid="picked-person" data-directory-id={picked.immutableId}
          ref={pickedRef} tabIndex={-1} aria-labelledby={`${id}-label`}>
          <Text size="2" weight="medium">{picked.name}</Text>
          <Text size="1" color="gray">{picked.email ?? 'no e-mail of record'}</Text>
          {picked.locked ? <Badge color="amber">Locked</Badge> : null}
          {picked.privileged ? <Badge color="red">Privileged</Badge> : null}
          <Button type="button" size="1" variant="soft" color="gray" onClick={() => { setChanging(true); onPick(null); }}>
            Pick someone else
          </Button>
        </Flex>
      </Flex>
    );
  }

  const items = results.data?.items ?? [];
  return (
    <Flex direction="column" gap="1">
      <Text as="label" htmlFor={id} size="2" weight="medium">
        Who is it for
      </Text>
      <Text size="1" color="gray" id={`${id}-hint`}>
        Search the directory by name or e-mail and pick the person. The caller&apos;s words never choose the account.
      </Text>
      <TextField.Root
        id={id}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="At least 2 letters"
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        data-testid="directory-search"
        autoComplete="off"
        autoFocus={changing}
      />
      {error ? <Text size="1" color="red">{error}</Text> : null}
      {q.length >= 2 ? (
        <div aria-live="polite">
          {results.isError ? <Text size="1" color="red">The directory could not be searched.</Text> : null}
          {results.data && items.length === 0 ? <Text size="1" color="gray">Nobody of record matches “{q}”.</Text> : null}
          {items.length > 0 ? (
            <ul className="ds-access-results" aria-label="People of record found" data-testid="directory-results">
              {items.map((p) => (
                <li key={p.immutableId}>
                  <button type="button" className="ds-access-result" disabled={p.gone} onClick={() => onPick(p)} data-testid="directory-result">
                    <span className="ds-access-result-name">{p.name}</span>
                    <span className="ds-access-result-meta">
                      {p.email ?? 'no e-mail'}
                      {p.managerName ? ` · reports to ${p.managerName}` : ''}
                      {p.locked ? ' · locked' : ''}
                      {p.disabled ? ' · disabled' : ''}
                      {p.privileged ? ' · privileged' : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </Flex>
  );
}
