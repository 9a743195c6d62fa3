print(Simulation(TOPIC, speed=None, start="2016-06-22T02:00", end="2016-06-22T03:00").run().summary())
rows_de_solar = session.execute(
    f"SELECT count(*) FROM {KEYSPACE}.generation WHERE region = 'DE' AND type = 'solar' "
    "AND ts >= '2016-06-21 00:00:00+0000' AND ts < '2016-06-22 00:00:00+0000'").one().count
holder = KafkaConsumer(TOPIC, bootstrap_servers=KAFKA_BOOTSTRAP, group_id="nb03_by_hand",
                       auto_offset_reset="earliest", enable_auto_commit=False)
held = []
while len(held) < 40:                                      # one hour: 4 quarter hours x 10 series
    for records in holder.poll(timeout_ms=1000).values():
        held += records
every_partition = [TopicPartition(TOPIC, p) for p in sorted(holder.partitions_for_topic(TOPIC))]
ends = holder.end_offsets(every_partition)
lag = sum(ends[tp] - (holder.committed(tp) or 0) for tp in every_partition)
holder.commit()                                            # after the answer: the lag is 0 again
holder.close()
answer = {"rows": rows_de_solar, "lag": lag}
print(answer)
check("03.1", answer)
