admin.create_topics({"nb02_ex4": {"num_partitions": 3, "replication_factor": 3,
                                  "configs": {"min.insync.replicas": "2"}}}, wait_for_metadata=True)
ex4 = describe_topic(admin, "nb02_ex4")   # describe_topics, asked again until the brokers know the new topic
configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "nb02_ex4")])
answer = {"replicas": len(ex4["partitions"][0]["replica_nodes"]),
          "min.insync.replicas": int(configs["topic"]["nb02_ex4"]["min.insync.replicas"]["value"]),
          "brokers that may fail": 1}  # 3 replicas, 2 needed in sync: one may be missing
print(answer)
check("02.4", answer)
