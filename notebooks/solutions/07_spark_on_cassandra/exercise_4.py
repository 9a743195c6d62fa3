rows, report = scan_locality(spark, "nb06_rf1", "generation")
print(report.counts())
print(report.hosts)
# With RF=1 each Spark partition has exactly one preferred host, and both executors are on replica
# hosts: every task waits (up to spark.locality.wait) for the executor on its own node.
