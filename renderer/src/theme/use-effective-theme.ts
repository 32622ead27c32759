/** The theme in effect ('light' | 'dark'), following the setting and OS changes: canvas charts need it. */
import { useEffect, useState } from 'react';
import { selectThemeSetting } from '../store/selectors';
import { useAppStore } from '../store/store-context';
import { effectiveTheme } from './apply-theme';

/** Re-render when the effective theme changes. */
export function useEffectiveTheme(): 'light' | 'dark' {
  const setting = useAppStore(selectThemeSetting);
  const [systemDark, setSystemDark] = useState(
    () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches,
  );
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  if (setting === 'light' || setting === 'dark') return setting;
  return systemDark ? 'dark' : typeof document !== 'undefined' ? effectiveTheme() : 'light';
}
