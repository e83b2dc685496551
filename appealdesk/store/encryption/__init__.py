"""Encryption at rest: the data key, how it is kept, and the ciphers of files and names."""
