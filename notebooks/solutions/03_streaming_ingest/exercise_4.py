# ONE: a write succeeds when one replica has it, so the ingest keeps going while the other node is down;
# the coordinator keeps a hint and replays it when the node returns (hinted handoff), and repair covers
# longer outages. The cost: until then, a read at ONE from the returning node may miss recent rows.
from cassandra import ConsistencyLevel

print(ConsistencyLevel.value_to_name[ingest.consistency])
