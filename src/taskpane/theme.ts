import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export type ThemeKind = 'light' | 'dark';

/** The bits of Office.context.officeTheme we read; typed here so the pane compiles (and tests run) without Office. */
interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/**
 * Light or dark from the Office theme, when running inside Office; undefined elsewhere (browser, tests).
 * Older hosts lack isDarkTheme, so the body background's luminance decides there.
 */
export function officeThemeKind(): ThemeKind | undefined {
  let theme: OfficeThemeLike | undefined;
  try {
    theme = (globalThis as { Office?: { context?: { officeTheme?: OfficeThemeLike } } }).Office?.context?.officeTheme;
  } catch {
    return undefined;
  }
  if (!theme) return undefined;
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme ? 'dark' : 'light';
  const bg = theme.bodyBackgroundColor?.match(/^#?([0-9a-f]{6})$/i)?.[1];
  if (!bg) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(bg.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
}

/** The Office theme if there is one, else the system's colour scheme. */
export function defaultThemeKind(): ThemeKind {
  const office = officeThemeKind();
  if (office) return office;
  const dark = typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? 'dark' : 'light';
}

export function fluentTheme(kind: ThemeKind): Theme {
  return kind === 'dark' ? webDarkTheme : webLightTheme;
}
