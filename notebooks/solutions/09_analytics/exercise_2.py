mean_speed = weather_df.groupBy(F.col("ts").alias("hour")).agg(F.avg("wind_speed").alias("speed"))
de_wind = (spark.read.format(CASSANDRA).options(keyspace="energydata", table="generation_hourly").load()
           .where((F.col("region") == "DE") & (F.col("type") == "wind")).select("hour", "energy_mwh"))
correlation = mean_speed.join(de_wind, "hour").select(F.corr("speed", "energy_mwh")).first()[0]
print(round(correlation, 3))
answer = correlation
check("09.2", answer)
