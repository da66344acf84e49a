"""The PySide6 window: pages over the service layer and the list queries in `desktop.core`."""
