// The dossier page's bundle section: the other dossiers received in the same bundle.
import { Anchor, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DossierView } from '../../../api/dossiers';
import { StatusBadge } from '../../../components/DossierBadges';
import { Section } from './Section';

/** "Hồ sơ liên thông cùng bộ": the other dossiers received in the same bundle. */
export function BundleSection({ dossier }: { dossier: DossierView }) {
  const { t } = useTranslation();
  if (!dossier.bundle?.length) return null;
  return (
    <Section id="bundle" title={t('dossier.bundle')}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('dossier.bundleHelp')}
      </Text>
      <List size="sm" spacing={6} data-testid="bundle-list">
        {dossier.bundle.map((b) => (
          <List.Item key={b.code} data-code={b.code}>
            <Group gap="xs" component="span" wrap="wrap">
              <Anchor
                component={Link}
                to={`/office/dossiers/${encodeURIComponent(b.code)}`}
                translate="no"
                fw={600}
                data-testid="bundle-link"
              >
                {b.code}
              </Anchor>
              <Text span size="sm" c="dimmed" translate="no">
                {b.procedureCode}
              </Text>
              <StatusBadge status={b.status} data-testid="bundle-status" />
            </Group>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}
