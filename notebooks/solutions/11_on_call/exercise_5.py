from helpers.kafka_io import lag, read

print(lag("nb11-loader", "nb11_telemetry"))
stuck = lag("nb11-loader", "nb11_telemetry").set_index("partition").loc[1, "committed"]
(message,) = read("nb11_telemetry", start={1: int(stuck)}, limit=1)
print(message.offset, message.value)
answer = {"component": "consumer group", "cause": "D"}
check("11.5", answer)
