; Dinsos Desk: what the NSIS installer adds to electron-builder's template (electron-builder.yml: nsis.include).
;
; The uninstaller keeps the office's data (database, backups in the data folder, settings, Electron's profile
; in %APPDATA%\Dinsos Desk) unless the user ticks "Hapus data" on its components page. The box starts unticked,
; so a silent uninstall (/S, as the Windows workflow runs it) and an update (the old version is uninstalled with
; --updated) never delete anything. Backups written to another folder (a second disk, a USB drive) and a
; portable copy's data/ folder are never touched. Checked by test/unit/release/installer.test.ts and, on the
; Windows runner, by .github/workflows/windows.yml.

!macro customUnInstallSection
  Section /o "un.Hapus data (database, cadangan di folder data, pengaturan)" secHapusData
    ${ifNot} ${isUpdated}
      ; Electron keeps per-user data in the user's roaming AppData, also for an all-users install.
      SetShellVarContext current
      RMDir /r "$APPDATA\${APP_FILENAME}"
      !ifdef APP_PRODUCT_FILENAME
        RMDir /r "$APPDATA\${APP_PRODUCT_FILENAME}"
      !endif
      !ifdef APP_PACKAGE_NAME
        RMDir /r "$APPDATA\${APP_PACKAGE_NAME}"
      !endif
    ${endIf}
  SectionEnd
!macroend
