rows_de_solar = session.execute(
    f"SELECT count(*) FROM {KEYSPACE}.generation WHERE region = 'DE' AND type = 'solar' "
    "AND ts >= '2016-06-21 00:00:00+0000' AND ts < '2016-06-22 00:00:00+0000'").one().count
probe = KafkaConsumer(bootstrap_servers=KAFKA_BOOTSTRAP, group_id="nb03_by_hand", enable_auto_commit=False)
every_partition = [TopicPartition(TOPIC, p) for p in sorted(probe.partitions_for_topic(TOPIC))]
ends = probe.end_offsets(every_partition)
lag = sum(ends[tp] - (probe.committed(tp) or 0) for tp in every_partition)
probe.close()
answer = (rows_de_solar, lag)
print(answer)
check("03.1", answer)
