import { AppShell, Box, Burger, Button, Divider, Drawer, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingBank, IconLogin } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { Loading } from './common';
import { LanguageSwitch } from './LanguageSwitch';

// What only a signed-in user (mostly staff) sees is loaded when needed, so that a citizen's first
// download carries neither the menus and popovers (with their positioning library) nor the staff
// navigation.
const NotificationBell = lazy(() =>
  import('./NotificationBell').then((m) => ({ default: m.NotificationBell })),
);
const OfficeMenu = lazy(() => import('./OfficeMenu').then((m) => ({ default: m.OfficeMenu })));
const UserArea = lazy(() => import('./UserArea').then((m) => ({ default: m.UserArea })));
const LogoutButton = lazy(async () => {
  const { useLogoutAction } = await import('./UserArea');
  // biome-ignore lint/correctness/noComponentHookFactories: lazy() calls this factory once, so the component is defined once
  function LogoutButton({ onNavigate }: { onNavigate: () => void }) {
    const { t } = useTranslation();
    const doLogout = useLogoutAction();
    return (
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
    );
  }
  return { default: LogoutButton };
});

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
      <Suspense fallback={null}>
        <LogoutButton onNavigate={onNavigate} />
      </Suspense>
    </Stack>
  );
}

/** Header: "Đăng nhập" (as UserArea shows it), or once signed in the user's menu. */
function HeaderUser() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.data) {
    return (
      <Suspense fallback={null}>
        <UserArea />
      </Suspense>
    );
  }
  return (
    <Button
      component={Link}
      to="/login"
      variant="filled"
      size="compact-md"
      leftSection={<IconLogin size={18} aria-hidden />}
    >
      {t('nav.login')}
    </Button>
  );
}

/** Page frame: skip link, header (brand, nav, language, user), optional staff side menu, main. */
export function Shell({ office = false }: { office?: boolean }) {
  const { t } = useTranslation();
  const isStaff = useMe().data?.kind === 'staff';
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
            {isStaff && (
              <Suspense fallback={null}>
                <NotificationBell />
              </Suspense>
            )}
            <Box visibleFrom="sm">
              <HeaderUser />
            </Box>
          </Group>
        </Group>
      </AppShell.Header>

      {office && (
        <AppShell.Navbar p="sm" aria-label={t('nav.officeMenu')} visibleFrom="sm">
          <Suspense fallback={null}>
            <OfficeMenu />
          </Suspense>
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
              <Suspense fallback={null}>
                <OfficeMenu onNavigate={close} />
              </Suspense>
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
