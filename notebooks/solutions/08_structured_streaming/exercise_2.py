from helpers.kafka_io import producer as kafka_producer
from helpers.stream import row_message

late_key, late_value = row_message("2016-06-01T10:00:00Z", "wind", "DE", 99999.0)
with_late = kafka_producer()
with_late.send(TOPIC, key=late_key, value=late_value).get(timeout=30)
with_late.close()

query = start({"availableNow": True})
query.awaitTermination()
dropped = sum(op["numRowsDroppedByWatermark"] for p in query.recentProgress for op in p["stateOperators"])
row = session.execute("SELECT energy_mwh, readings FROM nb07_streaming.hourly_energy "
                      "WHERE region = 'DE' AND type = 'wind' AND hour = '2016-06-01 10:00:00+0000'").one()
print("late rows dropped by the watermark:", dropped, "| the hour's row:", round(row.energy_mwh, 1), row.readings)
