import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A deep, accessible blue: white text on shade 7 and above passes WCAG AA.
const brand: MantineColorsTuple = [
  '#eaf1fb',
  '#d3e0f3',
  '#a6bfe6',
  '#769cd9',
  '#4f7fcd',
  '#356cc6',
  '#2862c4',
  '#1c4f9c',
  '#17458c',
  '#0b3a7b',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 7, dark: 5 },
  colors: { brand },
  autoContrast: true,
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  respectReducedMotion: true,
});
