/** Entry of the quick chat window (kept light: Markdown and highlighting load lazily). */
import '../styles/app.css';
import './quick-chat-routing.css';
import { mountWindow } from '../components/mount-window';
import { QuickChatApp } from './quick-chat-app';

mountWindow(QuickChatApp);
