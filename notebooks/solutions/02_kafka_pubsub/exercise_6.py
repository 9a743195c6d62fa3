admin.create_topics({"nb02_ex6": {"num_partitions": 1, "replication_factor": 3}}, wait_for_metadata=True)
ex6 = KafkaProducer(bootstrap_servers=KAFKA_BOOTSTRAP, transactional_id="nb02-ex6")
ex6.init_transactions()
for count, commit in [(2, True), (5, False)]:
    ex6.begin_transaction()
    for i in range(count):
        ex6.send("nb02_ex6", f"message {i}".encode())
    ex6.flush()
    ex6.commit_transaction() if commit else ex6.abort_transaction()
ex6.close()
counts = []
for isolation in ["read_committed", "read_uncommitted"]:
    reader = KafkaConsumer("nb02_ex6", bootstrap_servers=KAFKA_BOOTSTRAP, isolation_level=isolation,
                           auto_offset_reset="earliest", consumer_timeout_ms=2000)
    counts.append(sum(1 for _ in reader))
    reader.close()
answer = tuple(counts)
print(answer)
check("02.6", answer)
