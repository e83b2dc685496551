"""The page beside the list when no case is open: first run, the block check, a new case."""
