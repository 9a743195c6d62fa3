from pyspark.sql import Window

area_wind = (generation.where((F.col("type") == "wind") & (F.col("region") != "DE")
                              & (F.col("ts") >= "2016-01-01") & (F.col("ts") < "2017-01-01"))
             .groupBy("region", F.date_trunc("hour", "ts").alias("ts")).agg(F.avg("value").alias("wind_mw")))
corr = (area_wind.join(weather_df, "ts").groupBy("region", "station_id")
        .agg(F.round(F.corr("wind_speed", "wind_mw"), 3).alias("corr")))
best = (corr.withColumn("rank", F.row_number().over(Window.partitionBy("region").orderBy(F.desc("corr"))))
        .where("rank = 1").drop("rank").orderBy("region"))
best.toPandas()
