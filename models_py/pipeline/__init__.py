"""Building the warehouse: dbt runs into a folder of their own, the safe refresh, the Spark target, the serving copy."""
