import { createTheme } from '@mantine/core';

// Fonts every Windows office PC has; no web fonts to fetch (offices are often offline).
export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontFamily: '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif' },
  defaultRadius: 'sm',
  fontSizes: { md: '15px' },
});
