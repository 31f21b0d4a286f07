// The documents fieldset of the procedure editor: one row per document to submit.
import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentForm } from '../../../api/public';
import { DOCUMENT_FORMS, type DocRow, type FormState, errorAt } from './formState';

export function DocumentsFieldset({
  form,
  setForm,
  errors,
}: {
  form: FormState;
  setForm: Dispatch<SetStateAction<FormState>>;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const err = (path: string) => errorAt(errors, path);
  const setDoc = (index: number, patch: Partial<DocRow>) =>
    setForm((f) => ({
      ...f,
      documents: f.documents.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));

  return (
    <Fieldset legend={t('procedure.documents')}>
      <Stack gap="sm">
        {errors.documents && (
          <Text c="red.8" size="sm">
            {errors.documents}
          </Text>
        )}
        {form.documents.map((doc, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Paper key={index} withBorder p="sm" component="fieldset" className="row-fieldset">
            <legend className="visually-hidden">{t('editor.documentRow', { n: index + 1 })}</legend>
            <Stack gap="xs">
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <Textarea
                  label={t('procedure.documentName')}
                  autosize
                  minRows={1}
                  value={doc.name}
                  onChange={(e) => setDoc(index, { name: e.currentTarget.value })}
                  error={err(`documents.${index}.name`)}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={26}
                  aria-label={t('editor.removeDocument', { n: index + 1 })}
                  onClick={() =>
                    setForm((f) => ({ ...f, documents: f.documents.filter((_, i) => i !== index) }))
                  }
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <Group align="flex-end" gap="sm" wrap="wrap">
                <NumberInput
                  label={t('procedure.copies')}
                  min={1}
                  allowDecimal={false}
                  value={doc.copies}
                  onChange={(v) => setDoc(index, { copies: typeof v === 'number' ? v : '' })}
                  error={err(`documents.${index}.copies`)}
                  style={{ flex: '0 1 110px' }}
                />
                <NativeSelect
                  label={t('procedure.documentForm')}
                  data={DOCUMENT_FORMS.map((f) => ({ value: f, label: t(`documentForm.${f}`) }))}
                  value={doc.form}
                  onChange={(e) => setDoc(index, { form: e.currentTarget.value as DocumentForm })}
                  error={err(`documents.${index}.form`)}
                  style={{ flex: '1 1 180px' }}
                />
                <TextInput
                  label={t('procedure.template')}
                  value={doc.template}
                  onChange={(e) => setDoc(index, { template: e.currentTarget.value })}
                  error={err(`documents.${index}.template`)}
                  style={{ flex: '1 1 180px' }}
                />
                <Checkbox
                  label={t('procedure.mandatory')}
                  checked={doc.required}
                  onChange={(e) => setDoc(index, { required: e.currentTarget.checked })}
                  mb={8}
                />
              </Group>
            </Stack>
          </Paper>
        ))}
        <div>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              setForm((f) => ({
                ...f,
                documents: [
                  ...f.documents,
                  { name: '', copies: 1, form: 'original', required: true, template: '' },
                ],
              }))
            }
          >
            {t('editor.addDocument')}
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}
