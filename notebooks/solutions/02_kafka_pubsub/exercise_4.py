admin.create_topics({"nb02_ex4": {"num_partitions": 3, "replication_factor": 2,
                                  "configs": {"min.insync.replicas": "2"}}}, wait_for_metadata=True)
(ex4,) = admin.describe_topics(["nb02_ex4"])
configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, "nb02_ex4")])
answer = {"replicas": len(ex4["partitions"][0]["replica_nodes"]),
          "min.insync.replicas": int(configs["topic"]["nb02_ex4"]["min.insync.replicas"]["value"]),
          "brokers that may fail": 0}  # 2 replicas, 2 needed in sync: none may be missing
print(answer)
check("02.4", answer)
