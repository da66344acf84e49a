; Inno Setup script for Windows: build the one-folder app first (pyinstaller --noconfirm
; packaging\churnwatch.spec, giving build\dist\churnwatch), then on a Windows machine
;   iscc /DAppVersion=0.1.0 /DBuildDate=2026-12-01 packaging\churnwatch.iss
; (packaging\build_windows.cmd passes both, read from pyproject.toml by packaging\version.py).
; The installer asks for a per-user install (no administrator) or one for every user, adds a
; Start-menu entry and an uninstaller (Settings > Apps); uninstalling removes the program
; folder, not the user's database in %LOCALAPPDATA%\ChurnWatch.

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z /DBuildDate=YYYY-MM-DD
#endif
#ifndef BuildDate
  #define BuildDate "unknown"
#endif

[Setup]
AppId={{6B0F7E4C-2D7A-4C55-9B3E-3C9A1D2E8F10}
AppName=ChurnWatch
AppVersion={#AppVersion}
AppVerName=ChurnWatch {#AppVersion}
AppPublisher=ChurnWatch
VersionInfoVersion={#AppVersion}
VersionInfoDescription=ChurnWatch {#AppVersion}, built {#BuildDate}
DefaultDirName={autopf}\ChurnWatch
DefaultGroupName=ChurnWatch
DisableProgramGroupPage=yes
; Per-user by default; the dialog offers "install for all users" (needs an administrator).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\build
OutputBaseFilename=ChurnWatch-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\churnwatch.exe
UninstallDisplayName=ChurnWatch {#AppVersion}

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\build\dist\churnwatch\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ChurnWatch"; Filename: "{app}\churnwatch.exe"; Parameters: "gui"
Name: "{group}\Uninstall ChurnWatch"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ChurnWatch"; Filename: "{app}\churnwatch.exe"; Parameters: "gui"; Tasks: desktopicon

[Run]
Filename: "{app}\churnwatch.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,ChurnWatch}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Python writes nothing into the program folder at run time, but a crash dump might.
Type: filesandordirs; Name: "{app}\__pycache__"
