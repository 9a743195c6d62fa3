noon = pd.DataFrame({"region": "DE", "type": "solar",
                     "ts": pd.date_range("2016-06-01 12:00", periods=30, freq="D", tz="UTC")})
noon_values = spark.createDataFrame(noon).join(generation, ["region", "type", "ts"])
noon_values.explain()
print(noon_values.toPandas().sort_values("ts").head(3))
answer = noon_values
check("07.3", answer)
