/** Entry of the presets & settings window. */
import '../styles/app.css';
import { mountWindow } from '../components/mount-window';
import { SettingsApp } from './settings-app';

mountWindow(SettingsApp);
