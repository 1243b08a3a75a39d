"""Working calendar and deadline engine for administrative procedures (pure Python, no database)."""
