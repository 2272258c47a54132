"""Reports rendered from a built warehouse: the interactive EDA report."""
