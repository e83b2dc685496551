"""Trusted time stamps of evidence: the authorities to ask, and asking them."""
