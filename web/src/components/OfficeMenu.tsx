import { NavLink, Stack } from '@mantine/core';
import {
  IconBook2,
  IconCash,
  IconWorldUpload,
  IconCalendarEvent,
  IconChartBar,
  IconChartPie,
  IconFileDescription,
  IconDeviceDesktop,
  IconFilePlus,
  IconFolders,
  IconHome,
  IconLayoutDashboard,
  IconMailbox,
  IconAdjustmentsHorizontal,
  IconHeartHandshake,
  IconPhoneCall,
  IconClipboardCheck,
  IconMessageReport,
  IconShieldLock,
  IconSignature,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '../api/auth';
import { hasAnyRole, OFFICE_MENU, type OfficeMenuItem } from '../auth/roles';

const ICONS: Record<OfficeMenuItem['icon'], typeof IconUsers> = {
  overview: IconLayoutDashboard,
  reception: IconFilePlus,
  counter: IconDeviceDesktop,
  postal: IconMailbox,
  homeService: IconHome,
  assist: IconHeartHandshake,
  queueSetup: IconAdjustmentsHorizontal,
  hotline: IconPhoneCall,
  community: IconUsersGroup,
  evaluation: IconClipboardCheck,
  dossiers: IconFolders,
  logbook: IconBook2,
  feedback: IconMessageReport,
  online: IconWorldUpload,
  payments: IconCash,
  leader: IconSignature,
  reports: IconChartBar,
  dashboard: IconChartPie,
  procedures: IconFileDescription,
  calendar: IconCalendarEvent,
  users: IconUsers,
  security: IconShieldLock,
};

export function OfficeMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { pathname } = useLocation();
  const items = OFFICE_MENU.filter((item) => hasAnyRole(me.data, item.roles));
  return (
    <Stack gap={4} component="ul" className="plain-list">
      {items.map((item) => {
        const Icon = ICONS[item.icon];
        const active = item.end
          ? pathname === item.to || pathname === `${item.to}/`
          : pathname.startsWith(item.to);
        return (
          <li key={item.to}>
            <NavLink
              component={Link}
              to={item.to}
              label={t(item.labelKey)}
              leftSection={<Icon size={20} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              onClick={onNavigate}
              variant="light"
            />
          </li>
        );
      })}
    </Stack>
  );
}
