"""The HTTP layer: parameterised SQL look-ups against the warehouse, read-only."""
