import { NativeSelect, TextInput, type TextInputProps } from '@mantine/core';
import { type Dispatch, type ReactElement, type SetStateAction, useMemo, useState } from 'react';
import { useMe } from '../api/auth';
import type { Capability } from '../api/auth';
import { unitsWithRole } from '../auth/roles';
import { chosenUnit, type UnitChoice } from '../lib/units';

/** The units where the server lets the user do `capability`, and the one chosen (the first until one is picked). */
export function useUnitChoice(capability: Capability): {
  units: UnitChoice[];
  unit: string;
  choose: (code: string) => void;
} {
  const me = useMe().data;
  const units = useMemo(() => unitsWithRole(me, capability), [me, capability]);
  const [choice, choose] = useState('');
  return { units, unit: chosenUnit(units, choice), choose };
}

/** The unit picker at the top of an office screen. */
export function UnitSelect({
  label,
  units,
  value,
  onChange,
}: {
  label: string;
  units: readonly UnitChoice[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <NativeSelect
      label={label}
      data={units.map((u) => ({ value: u.code, label: u.name }))}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={360}
    />
  );
}

type TextProps = Omit<TextInputProps, 'label' | 'value' | 'onChange' | 'error'>;
/** A text input bound to one key of a form's state. */
export type TextField<K extends string> = (key: K, label: string, props?: TextProps) => ReactElement;

/**
 * Binds text inputs to the string fields of a form held in one state: `field('name', label)` is a
 * TextInput showing `form.name`, writing it back, and showing `errors.name` when there is one.
 */
export function textFields<F extends Record<string, unknown>>(
  form: F,
  setForm: Dispatch<SetStateAction<F>>,
  errors: Partial<Record<keyof F, string>> = {},
): TextField<StringKeys<F>> {
  return (key, label, props = {}) => (
    <TextInput
      label={label}
      value={form[key] as string}
      error={errors[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setForm((f) => ({ ...f, [key]: value }));
      }}
      {...props}
    />
  );
}
type StringKeys<F> = { [K in keyof F]: F[K] extends string ? K : never }[keyof F] & string;

/**
 * Who a request is for, as the counter takes it down: name, phone (the phone keyboard on a
 * tablet), address. Staff type other people's details: the browser's own autofill is off.
 */
export function ContactFields({
  field,
  labels,
  required = false,
}: {
  field: TextField<'name' | 'phone' | 'address'>;
  labels: { name: string; phone: string; address: string };
  required?: boolean;
}) {
  return (
    <>
      {field('name', labels.name, { required, autoComplete: 'off' })}
      {field('phone', labels.phone, { required, type: 'tel', inputMode: 'tel' })}
      {field('address', labels.address, { required })}
    </>
  );
}
