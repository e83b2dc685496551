"""Use cases. Each public function is one transaction and returns plain objects."""
