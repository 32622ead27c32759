; "Start at login" is a value in the user's Run key that the app writes (electron/main/login-item.ts,
; under WINDOWS_RUN_VALUE_NAME). Left behind after an uninstall, Windows would try to start a deleted
; Loadout.exe at every login, so the uninstaller removes it, and Explorer's enabled/disabled flag beside
; it (StartupApproved, which Task Manager's Startup tab writes). A macro, not a Function: electron-builder
; compiles with -WX, where a function the installer half never calls is an error.

!define LOADOUT_RUN_VALUE "app.loadout.tray"

!macro loadoutRemoveAutostart
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "${LOADOUT_RUN_VALUE}"
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "${LOADOUT_RUN_VALUE}"
!macroend
