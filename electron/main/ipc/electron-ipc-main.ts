/** The one place the shell takes Electron's ipcMain (lint allows it only in the IPC binding files). */
export { ipcMain } from 'electron';
