; The `loadout` command's folder ($INSTDIR\resources\cli) on the user's PATH (HKCU\Environment, no admin
; rights needed): added at install, taken off at uninstall. Only registers ($R0-$R5) are used, no Var,
; because electron-builder compiles with -WX and an unused variable or function would be a warning.

!include "LogicLib.nsh"
!include "WinMessages.nsh"

!define LOADOUT_CLI_DIR "$INSTDIR\resources\cli"

; $R0 = a PATH value, $R1 = a folder. Out: $R0 without any entry equal to $R1 or "$R1\" (compared
; case-insensitively, as Windows does), and without empty entries. Every other entry is kept as it was.
!macro LOADOUT_DEFINE_PATH_WITHOUT PREFIX
Function ${PREFIX}loadoutPathWithout
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  StrCpy $R2 ""
  StrCpy $R3 ""
  StrCpy $R5 0
  loop:
    StrCpy $R4 $R0 1 $R5
    ${If} $R4 == ";"
    ${OrIf} $R4 == ""
      ${If} $R3 != ""
      ${AndIf} $R3 != $R1
      ${AndIf} $R3 != "$R1\"
        ${If} $R2 == ""
          StrCpy $R2 $R3
        ${Else}
          StrCpy $R2 "$R2;$R3"
        ${EndIf}
      ${EndIf}
      StrCpy $R3 ""
      StrCmp $R4 "" done
    ${Else}
      StrCpy $R3 "$R3$R4"
    ${EndIf}
    IntOp $R5 $R5 + 1
    Goto loop
  done:
  StrCpy $R0 $R2
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
FunctionEnd
!macroend

; Tell running programs (Explorer, hence every terminal opened after this) that the environment changed.
!macro LOADOUT_BROADCAST_ENVIRONMENT
  SendMessage ${HWND_BROADCAST} ${WM_SETTINGCHANGE} 0 "STR:Environment" /TIMEOUT=5000
!macroend

!ifndef BUILD_UNINSTALLER
!insertmacro LOADOUT_DEFINE_PATH_WITHOUT ""

; Append the folder to the user's PATH once (a reinstall or update does not add it twice). A PATH longer
; than NSIS strings can hold would be cut short if written back, so then it is left alone and the user
; is told what to add by hand.
Function loadoutAddCliToPath
  ReadRegStr $R0 HKCU "Environment" "Path"
  StrCpy $R1 "${LOADOUT_CLI_DIR}"
  StrLen $R2 $R0
  StrLen $R3 $R1
  IntOp $R2 $R2 + $R3
  IntOp $R2 $R2 + 2
  ${If} $R2 >= ${NSIS_MAX_STRLEN}
    ${If} $LANGUAGE == 1046
      MessageBox MB_OK|MB_ICONEXCLAMATION "O Loadout foi instalado, mas não pôs o comando loadout no PATH: o seu PATH de usuário é longo demais para o instalador alterá-lo sem risco. Para usar loadout no terminal, adicione esta pasta ao PATH (Configurações > Sistema > Sobre > Configurações avançadas do sistema > Variáveis de Ambiente):$\r$\n${LOADOUT_CLI_DIR}" /SD IDOK
    ${Else}
      MessageBox MB_OK|MB_ICONEXCLAMATION "Loadout is installed, but the loadout command was not added to PATH: your user PATH is too long for the installer to change safely. To use loadout in a terminal, add this folder to PATH (Settings > System > About > Advanced system settings > Environment Variables):$\r$\n${LOADOUT_CLI_DIR}" /SD IDOK
    ${EndIf}
    Return
  ${EndIf}
  Call loadoutPathWithout
  ${If} $R0 == ""
    StrCpy $R0 $R1
  ${Else}
    StrCpy $R0 "$R0;$R1"
  ${EndIf}
  ; REG_EXPAND_SZ, as Windows writes it, so entries like %USERPROFILE%\bin keep working.
  WriteRegExpandStr HKCU "Environment" "Path" $R0
  !insertmacro LOADOUT_BROADCAST_ENVIRONMENT
FunctionEnd
!endif

!ifdef BUILD_UNINSTALLER
!insertmacro LOADOUT_DEFINE_PATH_WITHOUT "un."

; Take the folder off the user's PATH, leaving every other entry. A PATH that may have been read cut
; short is not written back.
Function un.loadoutRemoveCliFromPath
  ReadRegStr $R0 HKCU "Environment" "Path"
  StrLen $R2 $R0
  IntOp $R2 $R2 + 1
  ${If} $R2 >= ${NSIS_MAX_STRLEN}
    ${If} $LANGUAGE == 1046
      DetailPrint "O PATH é longo demais para alterar sem risco; tire ${LOADOUT_CLI_DIR} dele à mão."
    ${Else}
      DetailPrint "PATH is too long to edit safely; remove ${LOADOUT_CLI_DIR} from it by hand."
    ${EndIf}
    Return
  ${EndIf}
  StrCpy $R1 "${LOADOUT_CLI_DIR}"
  StrCpy $R3 $R0
  Call un.loadoutPathWithout
  ${If} $R0 != $R3
    WriteRegExpandStr HKCU "Environment" "Path" $R0
    !insertmacro LOADOUT_BROADCAST_ENVIRONMENT
  ${EndIf}
FunctionEnd
!endif
