"""AppealDesk: cases of blocked social-media accounts, from block to restored account."""

__version__ = "0.1.0"
