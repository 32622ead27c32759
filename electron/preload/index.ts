/**
 * The preload of every Loadout window (sandboxed, context-isolated): exposes the app API bridge as
 * `window.loadout` and nothing else. Never expose ipcRenderer or Node objects here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/contract/wire';
import { createPreloadBridge } from './bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createPreloadBridge(ipcRenderer));
