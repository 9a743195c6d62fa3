kafka_io.create_topic("nb03_fast", partitions=3, recreate=True)
print("simulator:", Simulation("nb03_fast", speed=None, start="2016-07-01", end="2016-07-08").run().summary())
fast = Ingest("nb03_fast", KEYSPACE, group="nb03_fast_ingest").run(until_idle=3)
(t_first, first_batch, _), (t_last, _, stored) = fast.timeline[0], fast.timeline[-1]
print(fast.summary())
print(f"about {(stored - first_batch) / max(t_last - t_first, 1e-3):,.0f} rows/s (after the first committed batch)")
