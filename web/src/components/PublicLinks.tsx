import { Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink } from 'react-router';

// Its own module so that the header (Shell) and the phone menu (MobileMenu) share it without
// importing each other.
const PUBLIC_LINKS = [
  { to: '/', labelKey: 'nav.catalog', end: true },
  { to: '/track', labelKey: 'nav.track', end: false },
  { to: '/feedback', labelKey: 'nav.feedback', end: false },
  { to: '/statistics', labelKey: 'statistics.nav', end: false },
];

export function PublicLinks({ onNavigate, vertical }: { onNavigate?: () => void; vertical?: boolean }) {
  const { t } = useTranslation();
  const Container = vertical ? Stack : Group;
  return (
    <Container gap={vertical ? 4 : 'xs'} component="ul" className="plain-list">
      {PUBLIC_LINKS.map((link) => (
        <li key={link.to}>
          <RouterNavLink to={link.to} end={link.end} className="header-link" onClick={onNavigate}>
            {t(link.labelKey)}
          </RouterNavLink>
        </li>
      ))}
    </Container>
  );
}
