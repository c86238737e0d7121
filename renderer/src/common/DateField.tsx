import { DateInput } from '@mantine/dates';

/** Typed dd/mm/yyyy, as clerks write dates; parsed day-first. */
export function parseTypedDate(input: string): string | null {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(input.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : null;
}

/** A dd/mm/yyyy date field holding an ISO 'YYYY-MM-DD' string. */
export function DateField(props: {
  label: string;
  value: string | null | undefined;
  onChange: (v: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  clearable?: boolean;
  testId?: string;
  description?: string;
  w?: number;
}) {
  return (
    <DateInput
      label={props.label}
      description={props.description}
      value={props.value || null}
      onChange={(v) => props.onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      locale="id"
      placeholder="dd/mm/yyyy"
      dateParser={parseTypedDate}
      error={props.error}
      withAsterisk={props.required}
      clearable={props.clearable}
      data-testid={props.testId}
      w={props.w}
    />
  );
}
