"""The editor of one case: header, overview, statement of reasons, block check, timeline."""
