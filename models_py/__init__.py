"""Python that `dbt build` runs: raw loaders and (later) the neighbour step.

Everything here is a plain function, importable and testable without dbt; the dbt
Python models in ``dbt_project/models`` are thin adapters around it.
"""
