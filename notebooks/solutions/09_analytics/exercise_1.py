daily_table = spark.read.format(CASSANDRA).options(keyspace="energydata", table="generation_daily").load()
de_daily = daily_table.where(F.col("region") == "DE")
twh = {r["type"]: r["twh"] for r in de_daily.groupBy("type").agg((F.sum("energy_mwh") / 1e6).alias("twh")).collect()}
windiest = de_daily.where(F.col("type") == "wind").orderBy(F.desc("peak_mw")).first()["day"]
answer = {"solar_twh": round(twh["solar"], 2), "wind_twh": round(twh["wind"], 2), "windiest_day": windiest}
print(answer)
check("09.1", answer)
