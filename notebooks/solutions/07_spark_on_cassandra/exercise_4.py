tagged = rf1.withColumn("spark_partition", F.spark_partition_id())
rows = tagged.toPandas()              # tagged's own splits ...
hosts = preferred_hosts(tagged)       # ... and where each prefers to run: one planning for both
partitions = rows.loc[(rows["region"] == "DE") & (rows["type"] == "wind"), "spark_partition"].unique()
print("DE wind is read by", len(partitions), "Spark partition, which prefers", hosts[partitions[0]])
answer = hosts[partitions[0]][0]
check("07.4", answer)
