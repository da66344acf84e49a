"""Subcommands of `churnwatch`; each module here has `register(subparsers)`."""

COMMAND_MODULES = (
    "desktop.commands.database",
    "desktop.commands.gui",
    "desktop.commands.models",
    "desktop.commands.policy",
    "desktop.commands.users",
    "desktop.commands.grants",
    "desktop.commands.backup",
    "desktop.commands.retention",
    "desktop.commands.exports",
    "desktop.commands.imports",
    "desktop.commands.offline",
)
