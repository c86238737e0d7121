import { Badge, createTheme } from '@mantine/core';

// Fonts every Windows office PC has; no web fonts to fetch (offices are often offline).
export const theme = createTheme({
  primaryColor: 'teal',
  fontFamily: '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontFamily: '"Segoe UI", "Noto Sans", "Liberation Sans", Arial, sans-serif' },
  defaultRadius: 'sm',
  fontSizes: { md: '15px' },
  components: {
    // A status is read whole: a badge beside long text keeps its width (the text wraps) instead of being
    // squeezed into "TIDAK DIUNDANG — TAMB…".
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, minWidth: 'max-content' }, label: { overflow: 'visible', textOverflow: 'clip' } } }),
  },
});
