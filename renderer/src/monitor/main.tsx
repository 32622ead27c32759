/** Entry of the hardware monitor window. */
import '../styles/app.css';
import { mountWindow } from '../components/mount-window';
import { MonitorApp } from './monitor-app';

mountWindow(MonitorApp);
