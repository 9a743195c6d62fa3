solstice = generation.where((F.col("region") == "DE") & (F.col("type") == "solar")
                            & (F.col("ts") >= "2016-06-21") & (F.col("ts") < "2016-06-22"))
solstice.explain()
print(solstice.count(), "rows")
answer = solstice
check("07.1", answer)
