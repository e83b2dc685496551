"""The domain: tables, vocabularies and the rules of a case (workflow, deadlines, numbering)."""
