import { Button, Group, type MantineSpacing } from '@mantine/core';

/**
 * The closing row of a form in a modal: "Batal" closes it, the submit button (default "Simpan") shows
 * `loading` while the save runs. One place for the order, alignment and wording of these two buttons.
 */
export function FormActions({ onCancel, loading, disabled, submitLabel = 'Simpan', submitTestId, mt }: {
  onCancel: () => void;
  loading: boolean;
  disabled?: boolean;
  submitLabel?: string;
  submitTestId?: string;
  mt?: MantineSpacing;
}) {
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onCancel}>Batal</Button>
      <Button type="submit" loading={loading} disabled={disabled} data-testid={submitTestId}>{submitLabel}</Button>
    </Group>
  );
}
