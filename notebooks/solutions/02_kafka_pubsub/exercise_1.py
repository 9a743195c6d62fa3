tennet_wind = [m for m in kafka_io.read(TOPIC) if m.key == "tennet/wind"]
print("partition", tennet_wind[0].partition, "offsets", [m.offset for m in tennet_wind[:3]])
