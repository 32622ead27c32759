; Loadout's additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; electron-builder inserts the customInstall / customUnInstall macros into its install and uninstall
; sections: https://www.electron.build/nsis#custom-nsis-script

!include "${__FILEDIR__}/cli-path.nsh"
; Start at login (electron/main/login-item.ts): its Run entry goes at uninstall.
!include "${__FILEDIR__}/autostart.nsh"

!macro customInstall
  Call loadoutAddCliToPath
!macroend

!macro customUnInstall
  ; An update runs the old uninstaller first (with --updated): the folder stays on PATH for the new version.
  ${ifNot} ${isUpdated}
    Call un.loadoutRemoveCliFromPath
    ; --- start at login (autostart.nsh): an update keeps it, an uninstall removes it ---
    !insertmacro loadoutRemoveAutostart
  ${endIf}
!macroend
