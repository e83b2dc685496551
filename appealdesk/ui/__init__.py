"""The window: Qt widgets, item models and dialogs on top of the services."""
