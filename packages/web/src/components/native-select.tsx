import type { SelectHTMLAttributes } from 'react';

export interface SelectOption {
  value: string;
  label: string;
}

interface NativeSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> {
  options: readonly SelectOption[];
  value: string;
  onValueChange: (value: string) => void;
}

/**
 * The browser's own select, styled to sit with Radix Themes. It is fully keyboard
 * and screen-reader native and, unlike a portalled listbox, needs no inline style
 * element, which the desk's content security policy would refuse.
 */
export function NativeSelect({ options, value, onValueChange, className, ...rest }: NativeSelectProps) {
  return (
    <select
      {...rest}
      className={className ? `ds-select ${className}` : 'ds-select'}
      value={value}
      onChange={(e) => onValueChange(e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
