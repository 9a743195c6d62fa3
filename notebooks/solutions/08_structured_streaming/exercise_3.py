import json

last = max(int(name) for name in os.listdir(JOB_CHECKPOINT / "offsets") if name.isdigit())
offsets = json.loads((JOB_CHECKPOINT / "offsets" / str(last)).read_text().splitlines()[-1])[JOB_TOPIC]
offsets = dict(sorted(offsets.items()))   # partition order, as Spark wrote them it varies
print("batch", last, "reads up to", offsets)
check("08.3", offsets)
