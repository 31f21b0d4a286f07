// The reception form's checklist: the procedure's documents, ticked as handed in, with their form and copies.
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SubmittedForm } from '../../../api/dossiers';
import type { ProcedureDetail } from '../../../api/public';
import { TableHead } from '../../../components/DataTable';
import { type DocRow, SUBMITTED_FORMS } from './draft';

export function ChecklistSection({
  procedure,
  docs,
  setDoc,
  onTickRequired,
}: {
  procedure: { isPending: boolean; data?: ProcedureDetail };
  docs: DocRow[];
  setDoc: (index: number, patch: Partial<DocRow>) => void;
  onTickRequired: () => void;
}) {
  const { t } = useTranslation();
  const requiredCount = procedure.data?.documents.filter((d) => d.required).length ?? 0;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="docs-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2} size="h4" id="docs-title">
              {t('reception.documents')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('reception.documentsHelp')}
            </Text>
          </div>
          {requiredCount > 0 && (
            <Button variant="subtle" size="compact-sm" onClick={onTickRequired} data-testid="tick-required">
              {t('reception.tickRequired')}
            </Button>
          )}
        </Group>
        {procedure.isPending && <Skeleton height={160} />}
        {procedure.data && procedure.data.documents.length === 0 && (
          <Text size="sm">{t('procedure.noDocuments')}</Text>
        )}
        {procedure.data && procedure.data.documents.length > 0 && (
          <Table className="stack-table" verticalSpacing="xs" data-testid="checklist">
            <TableHead
              columns={[t('procedure.documentName'), t('procedure.documentForm'), t('reception.copies')]}
            />
            <Table.Tbody>
              {procedure.data.documents.map((doc, index) => {
                const row = docs[index];
                if (!row) return null;
                return (
                  <Table.Tr
                    // biome-ignore lint/suspicious/noArrayIndexKey: the checklist position is the identity
                    key={index}
                    data-testid="checklist-row"
                    data-required={doc.required ? 'true' : 'false'}
                  >
                    <Table.Td>
                      <Checkbox
                        checked={row.checked}
                        onChange={(e) => setDoc(index, { checked: e.currentTarget.checked })}
                        label={
                          <>
                            {doc.name}{' '}
                            {doc.required && (
                              <Badge
                                size="xs"
                                color="red"
                                variant="light"
                                radius="sm"
                                style={{ textTransform: 'none' }}
                              >
                                {t('procedure.required')}
                              </Badge>
                            )}
                          </>
                        }
                        data-testid="doc-check"
                      />
                    </Table.Td>
                    <Table.Td data-label={t('procedure.documentForm')} className="cell-nowrap">
                      <NativeSelect
                        aria-label={t('reception.formOf', { n: index + 1 })}
                        data={SUBMITTED_FORMS.map((f) => ({
                          value: f,
                          label: t(`documentForm.${f}`),
                        }))}
                        value={row.form}
                        disabled={!row.checked}
                        size="xs"
                        w={160}
                        onChange={(e) => setDoc(index, { form: e.currentTarget.value as SubmittedForm })}
                      />
                    </Table.Td>
                    <Table.Td data-label={t('reception.copies')} className="cell-nowrap">
                      <NumberInput
                        aria-label={t('reception.copiesOf', { n: index + 1 })}
                        value={row.copies}
                        min={1}
                        max={100}
                        w={80}
                        size="xs"
                        disabled={!row.checked}
                        allowDecimal={false}
                        onChange={(v) => setDoc(index, { copies: Math.max(1, Number(v) || 1) })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
