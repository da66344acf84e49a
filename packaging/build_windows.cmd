@echo off
rem Build the Windows installer on a Windows machine with Python 3.11 and Inno Setup 6 on PATH.
rem The version and build date come from pyproject.toml (packaging\version.py).
setlocal
cd /d "%~dp0.."
py -3.11 -m venv .venv || exit /b 1
.venv\Scripts\pip install -q -e ".[dev]" || exit /b 1
.venv\Scripts\pyinstaller --noconfirm --distpath build\dist --workpath build\work packaging\churnwatch.spec || exit /b 1
for /f "tokens=1,2" %%a in ('.venv\Scripts\python packaging\version.py') do (set VERSION=%%a& set BUILD_DATE=%%b)
iscc /DAppVersion=%VERSION% /DBuildDate=%BUILD_DATE% packaging\churnwatch.iss || exit /b 1
echo build\ChurnWatch-%VERSION%-setup.exe
