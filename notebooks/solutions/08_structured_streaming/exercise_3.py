import json

last = max(int(name) for name in os.listdir(JOB_CHECKPOINT / "offsets") if name.isdigit())
offsets = json.loads((JOB_CHECKPOINT / "offsets" / str(last)).read_text().splitlines()[-1])[JOB_TOPIC]
offsets = dict(sorted(offsets.items()))   # the order Spark writes the partitions in may vary
print("the last batch reads up to", offsets)
answer = offsets
check("08.3", answer)
