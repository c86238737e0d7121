import type { Permission } from '../../../shared/api/access';
import {
  IconFileExport,
  IconFileImport,
  IconGift,
  IconHome,
  IconSettings,
  IconUsersGroup,
  IconAddressBook,
  IconTopologyStar3,
  IconHelp,
} from '@tabler/icons-react';

/** The left navigation: one entry per feature, in the order clerks use them. */
export const navItems = [
  { path: '/', label: 'Beranda', icon: IconHome, permission: 'dashboard.read' },
  { path: '/registri', label: 'Registri', icon: IconAddressBook, permission: 'registry.read' },
  { path: '/impor', label: 'Impor', icon: IconFileImport, permission: 'imports.run' },
  { path: '/bantuan', label: 'Bantuan & Serah Terima', icon: IconGift, permission: 'aid.read' },
  { path: '/rapat', label: 'Rapat Operator', icon: IconUsersGroup, permission: 'meetings.read' },
  { path: '/intervensi', label: 'Intervensi', icon: IconTopologyStar3, permission: 'interventions.read' },
  { path: '/ekspor', label: 'Ekspor & Laporan', icon: IconFileExport, permission: 'exports.run' },
  { path: '/pengaturan', label: 'Pengaturan', icon: IconSettings, permission: 'session' },
  { path: '/panduan', label: 'Panduan (F1)', icon: IconHelp, permission: 'session' },
] as const satisfies readonly { path: string; label: string; icon: unknown; permission: Permission }[];

export type NavPath = (typeof navItems)[number]['path'];
