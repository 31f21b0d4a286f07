// The dossier page's print buttons: the forms (01, 02, 04, 05) that fit the dossier's history.
import { Button, Group } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type DossierForm, type DossierView, dossierFormUrl } from '../../../api/dossiers';

export function PrintButtons({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const types = new Set(dossier.events.map((e) => e.type));
  const forms: DossierForm[] = ['01'];
  if (types.has('request_supplement')) forms.push('02');
  if (dossier.extended || types.has('extend')) forms.push('04');
  forms.push('05');
  return (
    <Group gap="xs" data-testid="print-buttons">
      {forms.map((form) => (
        <Button
          key={form}
          component="a"
          href={dossierFormUrl(dossier.code, form)}
          target="_blank"
          rel="noopener"
          variant="default"
          size="compact-md"
          className="wrap-button"
          leftSection={<IconPrinter size={16} aria-hidden />}
          data-testid={`print-${form}`}
        >
          {t(`forms.f${form}`)}
          <span className="visually-hidden"> ({t('common.newTab')})</span>
        </Button>
      ))}
    </Group>
  );
}
