import { AppShell, Box, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingBank } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { markHydrated } from '../lib/prerender';
import { Loading } from './common';
import { LanguageSwitch } from './LanguageSwitch';
import { LoginButton } from './LoginButton';
import { PublicLinks } from './PublicLinks';

// What only a signed-in user (mostly staff) sees is loaded when needed, so that a citizen's first
// download carries neither the menus and popovers (with their positioning library) nor the staff
// navigation.
const NotificationBell = lazy(() =>
  import('./NotificationBell').then((m) => ({ default: m.NotificationBell })),
);
const OfficeMenu = lazy(() => import('./OfficeMenu').then((m) => ({ default: m.OfficeMenu })));
const UserArea = lazy(() => import('./UserArea').then((m) => ({ default: m.UserArea })));
// The phone menu (a Drawer, with its focus trap and scroll lock) is fetched when first opened.
const MobileMenu = lazy(() => import('./MobileMenu').then((m) => ({ default: m.MobileMenu })));

/** Header: "Đăng nhập" (as UserArea shows it), or once signed in the user's menu. */
function HeaderUser() {
  const me = useMe();
  if (me.data) {
    return (
      <Suspense fallback={null}>
        <UserArea />
      </Suspense>
    );
  }
  return <LoginButton />;
}

/** Its effect runs once the page beside it is live: for a pre-rendered page, once it is hydrated. */
function PageLive() {
  useEffect(() => markHydrated(), []);
  return null;
}

/** Page frame: skip link, header (brand, nav, language, user), optional staff side menu, main. */
export function Shell({ office = false }: { office?: boolean }) {
  const { t } = useTranslation();
  const isStaff = useMe().data?.kind === 'staff';
  const [opened, { toggle, close }] = useDisclosure(false);
  // Mounted from the first opening on, so that it can animate its closing and keep its state.
  const [menuWanted, setMenuWanted] = useState(false);
  if (opened && !menuWanted) setMenuWanted(true);
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

      {menuWanted && (
        <Suspense fallback={null}>
          <MobileMenu opened={opened} onClose={close} office={office} />
        </Suspense>
      )}

      <AppShell.Main id="main-content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
          <PageLive />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
