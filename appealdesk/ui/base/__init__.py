"""What every part of the window uses: background work, signals, undo, settings, language."""
