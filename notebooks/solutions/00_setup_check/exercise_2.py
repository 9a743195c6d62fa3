from kafka import KafkaAdminClient

admin = KafkaAdminClient(bootstrap_servers=f"{machine_address(3)}:9092", request_timeout_ms=10_000)
cluster_info = admin.describe_cluster()
admin.close()
answer = sorted(broker["broker_id"] for broker in cluster_info["brokers"])
print("brokers:", answer)
check("00.2", answer)
