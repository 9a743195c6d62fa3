from helpers.spark.locality import tasks
from helpers.spark.session import executor_hosts

print("down:", [s.name for s in sandbox.status() if s.state != "up"])
print("an executor on machine 3:", machine_address(3) in executor_hosts(spark), "| executors:", len(executor_hosts(spark)))
for group in ("nightly-rollup-1", "nightly-rollup-2"):
    scan = tasks(spark, group).query("input_stage")  # the scan's tasks, not the aggregation's second stage
    print(group, scan["locality"].value_counts().sort_index().to_dict())
answer = {"component": "spark-worker3", "cause": "E"}
check("11.7", answer)
