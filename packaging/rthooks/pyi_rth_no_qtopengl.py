# PyInstaller runtime hook (churnwatch.spec): the frozen app leaves out PySide6.QtOpenGL, a 9 MB
# binding pyqtgraph imports at start for OpenGL drawing the app never turns on (useOpenGL stays
# off). This stands in for it; anything that really asks for an OpenGL class gets a clear error.
import sys
import types


def _missing(name):
    raise AttributeError(f"PySide6.QtOpenGL.{name}: OpenGL drawing is not part of this build")


_stub = types.ModuleType("PySide6.QtOpenGL")
_stub.__getattr__ = _missing
sys.modules.setdefault("PySide6.QtOpenGL", _stub)
