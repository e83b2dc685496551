"""The main window: its layout, menus and the poll for changes made elsewhere."""
