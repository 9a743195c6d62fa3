generation.where(F.col("type") == "solar").explain()
# No: `type` alone is half of the partition key. Cassandra locates a partition by the token of the
# whole key (region, type), so the connector must scan every partition and Spark filters the rows.
# Adding region == ... (or region IN (...)) makes the key complete and the filter is pushed down.
