import { AppShell, Box, Burger, Divider, Drawer, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingBank } from '@tabler/icons-react';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { Loading } from './common';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { OfficeMenu } from './OfficeMenu';
import { UserArea, useLogoutAction } from './UserArea';

const PUBLIC_LINKS = [
  { to: '/', labelKey: 'nav.catalog', end: true },
  { to: '/track', labelKey: 'nav.track', end: false },
  { to: '/feedback', labelKey: 'nav.feedback', end: false },
];

function PublicLinks({ onNavigate, vertical }: { onNavigate?: () => void; vertical?: boolean }) {
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

function MobileUserLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const doLogout = useLogoutAction();
  if (!me.data) {
    return (
      <RouterNavLink to="/login" className="header-link" onClick={onNavigate}>
        {t('nav.login')}
      </RouterNavLink>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed" px="sm">
        {t('nav.signedInAs', { name: me.data.fullName })}
      </Text>
      {me.data.kind === 'staff' && (
        <RouterNavLink to="/office" end className="header-link" onClick={onNavigate}>
          {t('nav.office')}
        </RouterNavLink>
      )}
      <button
        type="button"
        className="header-link"
        style={{ border: 0, background: 'none', font: 'inherit', textAlign: 'start', cursor: 'pointer' }}
        onClick={() => {
          onNavigate();
          doLogout();
        }}
      >
        {t('nav.logout')}
      </button>
    </Stack>
  );
}

/** Page frame: skip link, header (brand, nav, language, user), optional staff side menu, main. */
export function Shell({ office = false }: { office?: boolean }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const lastPath = useRef(pathname);

  // On navigation: close the phone menu and move focus to the new page's content.
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    close();
    window.scrollTo(0, 0);
    document.getElementById('main-content')?.focus({ preventScroll: true });
  }, [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={office ? { width: 250, breakpoint: 'sm', collapsed: { mobile: true } } : undefined}
      padding="md"
    >
      <a href="#main-content" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="mobile-menu"
            />
            <Link to="/" className="brand-link" aria-label={t('nav.home')}>
              <IconBuildingBank size={26} aria-hidden color="var(--mantine-color-brand-7)" />
              <span>{t('app.name')}</span>
            </Link>
          </Group>
          <Box component="nav" aria-label={t('nav.main')} visibleFrom="sm" style={{ flex: 1 }} ml="md">
            <PublicLinks />
          </Box>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <Box visibleFrom="sm">
              <UserArea />
            </Box>
          </Group>
        </Group>
      </AppShell.Header>

      {office && (
        <AppShell.Navbar p="sm" aria-label={t('nav.officeMenu')} visibleFrom="sm">
          <OfficeMenu />
        </AppShell.Navbar>
      )}

      <Drawer
        opened={opened}
        onClose={close}
        id="mobile-menu"
        title={t('app.name')}
        size="80%"
        hiddenFrom="sm"
        closeButtonProps={{ 'aria-label': t('nav.closeMenu') }}
      >
        <nav aria-label={t('nav.main')}>
          <PublicLinks vertical onNavigate={close} />
          {office && (
            <>
              <Divider my="sm" label={t('nav.office')} labelPosition="left" />
              <OfficeMenu onNavigate={close} />
            </>
          )}
          <Divider my="sm" />
          <MobileUserLinks onNavigate={close} />
        </nav>
      </Drawer>

      <AppShell.Main id="main-content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
