per_series = generation.groupBy("region", "type").agg((F.sum("value") / 4000).alias("gwh"))
ran = run(spark, per_series.collect, "energy per series")
print(stages(spark, ran.group).drop(columns="task_seconds"))
answer = stages(spark, ran.group)["shuffle_write_rows"].iloc[0]
check("07.2", answer)
