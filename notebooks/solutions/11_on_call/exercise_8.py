from helpers.spark.session import executor_hosts

sandbox.start("spark-worker3")
print("worker back; an executor on machine 3:", machine_address(3) in executor_hosts(spark))  # no: it has its 3 cores
spark.stop()
spark = spark_session("on-call")  # a new application: the master spreads its executors over the three workers
print("new application, executors on:", executor_hosts(spark))
answer = run_rollup(spark)
check("11.8", answer)
