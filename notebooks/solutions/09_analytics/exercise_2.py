mean_speed = weather_df.groupBy(F.col("ts").alias("hour")).agg(F.avg("wind_speed").alias("speed"))
area_wind = (spark.read.format(CASSANDRA).options(keyspace="energydata", table="generation_hourly").load()
             .where((F.col("region") != "DE") & (F.col("type") == "wind")).select("region", "hour", "energy_mwh"))
correlations = (mean_speed.join(area_wind, "hour").groupBy("region")
                .agg(F.corr("speed", "energy_mwh").alias("r")).orderBy("region").collect())
answer = {row.region: row.r for row in correlations}
print({area: round(r, 3) for area, r in answer.items()})
check("09.2", answer)
