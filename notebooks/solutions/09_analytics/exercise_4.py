noon = (de.where((F.col("type") == "wind") & (F.hour("hour") == 11))
        .select(F.date_add("day", 1).alias("day"), F.col("energy_mwh").alias("noon_before")))
noon_mae = (de.where((F.col("type") == "wind") & (block("day") == TEST_BLOCK))
            .join(noon, "day")
            .select(F.avg(F.abs(F.col("energy_mwh") - F.col("noon_before")))).first()[0])
print(round(noon_mae))
answer = noon_mae
check("09.4", answer)
