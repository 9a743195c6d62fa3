print(placements(session, "nb05_replication", "readings", [("meter-000042",)]).to_string(index=False))
print(run_nodetool("cassandra1", "getendpoints", "nb05_replication", "readings", "meter-000042").split())
