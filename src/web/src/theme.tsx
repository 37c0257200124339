import { createContext, useContext } from 'react';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { ThemeName } from './session';

export const themes: Record<ThemeName, Theme> = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

export function asTheme(value: string | null | undefined): ThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export const ThemeNameContext = createContext<ThemeName>('default');

/** Canvas charts cannot read CSS tokens: take the colours from the Fluent theme object itself. */
export function useChartColors() {
  const name = useContext(ThemeNameContext);
  const theme = themes[name];
  return {
    text: theme.colorNeutralForeground1,
    grid: theme.colorNeutralStroke2,
    border: theme.colorNeutralStroke1,
    highContrast: name === 'contrast',
  };
}
