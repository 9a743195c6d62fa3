from cassandra import ConsistencyLevel

from helpers.cassandra_io.hints import pending_hints
from helpers.cassandra_io.sessions import plain_session
from helpers.cassandra_io.tracing import trace_of

print("down:", [s.name for s in sandbox.status() if s.state != "up"])
dashboard = plain_session(consistency=ConsistencyLevel.ONE)
result = dashboard.execute("SELECT count(*) FROM nb11_meters.readings WHERE meter_id = 'meter-000001'", trace=True)
executed = {e.source for e in trace_of(result).events if "Executing single-partition query" in e.description}
print("count at ONE:", result.one()[0], "| read on:", sorted(executed))
for node in (machine_address(1), machine_address(2)):
    print("hints queued on", node, ":", len(pending_hints(dashboard, node)))
dashboard.cluster.shutdown()
answer = {"component": "cassandra3", "cause": "A"}
check("11.3", answer)
