"""The window: Qt widgets, item models and dialogs on top of the services."""

from appealdesk.ui.base.import_check import use_cheap_import_check

use_cheap_import_check()  # before the window's modules are imported
