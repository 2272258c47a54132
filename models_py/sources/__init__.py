"""Loaders of the sources' raw files: each copied into the warehouse as it is, cleaning nothing."""
