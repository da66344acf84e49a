"""ChurnWatch desktop application: Qt-free core logic (`desktop.core`) and the Qt UI."""

__version__ = "0.1.0"
