"""Clients and their accounts: the manager window, the forms and deletion."""
