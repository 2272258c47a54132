"""The Python the build runs, grouped by role: `sources` (raw loaders), `recommender`
(the neighbour step), `pipeline` (building, refreshing, Spark, the serving copy) and
`reports` (the EDA report). Everything is plain functions, importable and testable
without dbt; the dbt Python models in dbt_project/models are thin adapters around them.
"""
