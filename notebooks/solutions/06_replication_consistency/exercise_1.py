print(placements(session, "nb05_replication", "readings", [("meter-000042",)]).to_string(index=False))
print(nodetool.endpoints("cassandra1", "nb05_replication", "readings", "meter-000042"))
