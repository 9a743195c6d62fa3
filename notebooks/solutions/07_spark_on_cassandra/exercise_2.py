per_type = generation.groupBy("type").agg((F.sum("value") / 4000).alias("gwh"))
ran = run(spark, per_type.collect, "energy per type")
shuffled = stages(spark, ran.group)["shuffle_write_rows"]     # the scan stage first
answer = {"groups": len(ran.result), "shuffle rows": int(shuffled.iloc[0])}
check("07.2", answer)
